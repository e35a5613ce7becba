using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Sessions.Bookings;

public enum BookingOutcome
{
    Confirmed, Waitlisted, AlreadyConfirmed, AlreadyWaitlisted, BecameClient, ProblemUpdated, NoLongerClient,
    OfferAccepted, OfferAcceptedAsConsultant, OfferDeclined, Cancelled, LeftWaitlist,

    // Nothing changed:
    NotFound, SessionCancelled, SessionPast, BookingClosed, Overlap, ClientSlotsFull, NotBooked, CancellationClosed,
    OfferExpired, NoOffer, NotClient,
}

/// <summary>What a booking request did, with what the answer needs to say.</summary>
public sealed record BookingResult(BookingOutcome Outcome, CoDevSession? Session = null, Booking? Booking = null, int? Position = null, CoDevSession? Conflict = null)
{
    public bool IsError => Outcome >= BookingOutcome.NotFound;
}

/// <summary>
/// Booking, cancelling and the waitlist, with the rules held by the database inside one transaction each:
/// a seat is taken by a conditional update (<c>Taken = Taken + 1 WHERE Taken &lt; CapacityMax</c>), a client slot the
/// same way, one row per (session, member) is a unique key, and a member's changes run one at a time (their profile
/// row is bumped first), so overlapping bookings are seen. A freed seat is offered to the first on the waitlist for a
/// limited time, never given silently.
/// </summary>
public sealed class BookingService(
    BotDbContext db, SessionTransactions transactions, SessionAgenda agenda, SessionNotifier notifier,
    IOptions<SessionsOptions> options, ILogger<BookingService> logger)
{
    private DbSet<CoDevSession> Sessions => db.Set<CoDevSession>();
    private DbSet<Booking> Bookings => db.Set<Booking>();

    public Task<BookingResult> BookAsync(long sessionId, long memberId, BookingRole role, string? problem, string? source, Instant now, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await transactions.LockMemberAsync(memberId, now, ct);
            var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (Unbookable(session, now) is { } refusal) return refusal;
            var booking = await Bookings.FirstOrDefaultAsync(b => b.SessionId == sessionId && b.MemberId == memberId, ct);
            switch (booking?.Status)
            {
                case BookingStatus.Confirmed:
                    return role == BookingRole.Client ? await BecomeClientAsync(session!, booking, problem, now, ct) : new(BookingOutcome.AlreadyConfirmed, session, booking);
                case BookingStatus.Offered:
                    return await AcceptCoreAsync(session!, booking, now, ct);
                case BookingStatus.Waitlisted:
                    if (role == BookingRole.Client) { booking.Role = role; booking.Problem = problem; booking.UpdatedAt = now; }
                    return new(BookingOutcome.AlreadyWaitlisted, session, booking, await PositionAsync(booking, ct));
            }
            if (now >= session!.BookingDeadline) return new(BookingOutcome.BookingClosed, session);
            if (await OverlapAsync(memberId, session, ct) is { } conflict) return new(BookingOutcome.Overlap, session, Conflict: conflict);

            var seated = await TakeSeatAsync(sessionId, role == BookingRole.Client, ct);
            if (!seated && role == BookingRole.Client)
            {
                var counters = await Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.ClientsTaken, s.ClientSlots }).SingleAsync(ct);
                if (counters.ClientsTaken >= counters.ClientSlots) return new(BookingOutcome.ClientSlotsFull, session);
            }
            var revived = booking is not null;
            if (booking is null)
            {
                booking = new Booking { SessionId = sessionId, MemberId = memberId };
                Bookings.Add(booking);
            }
            else
            {
                // Booking again after cancelling: the same row, so the invite keeps its UID and its SEQUENCE goes up.
                booking.CalendarSequence++;
                booking.Attended = null;
                booking.CancelReason = null;
                booking.OfferExpiresAt = null;
            }
            booking.Role = role;
            booking.Problem = role == BookingRole.Client ? problem : booking.Problem;
            booking.Source = source;
            booking.Status = seated ? BookingStatus.Confirmed : BookingStatus.Waitlisted;
            booking.BookedAt = now;
            booking.UpdatedAt = now;
            booking.WaitlistedAt = seated ? null : now;
            await db.SaveChangesAsync(ct);
            if (!seated)
            {
                logger.LogInformation("Sessions : membre {Member} en liste d'attente de la session {Session}", memberId, sessionId);
                return new(BookingOutcome.Waitlisted, session, booking, await PositionAsync(booking, ct));
            }
            await agenda.PlanRemindersAsync(session, booking, now, ct, firstTime: !revived);
            await notifier.RefreshPostsAsync(sessionId, now, ct);
            // The row read before the seat was taken, with the seat counted (no second read).
            session.Taken++;
            session.SeatsVersion++;
            if (role == BookingRole.Client) session.ClientsTaken++;
            return new(BookingOutcome.Confirmed, session, booking);
        }, ct);

    public Task<BookingResult> CancelAsync(long sessionId, long memberId, Instant now, bool enforceDeadline, string reason, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await transactions.LockMemberAsync(memberId, now, ct);
            var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return new(BookingOutcome.NotFound);
            var booking = await Bookings.FirstOrDefaultAsync(b => b.SessionId == sessionId && b.MemberId == memberId, ct);
            if (booking is null || booking.Status == BookingStatus.Cancelled) return new(BookingOutcome.NotBooked, session);
            if (session.Status == SessionStatus.Cancelled) return new(BookingOutcome.SessionCancelled, session);
            switch (booking.Status)
            {
                case BookingStatus.Waitlisted:
                    Cancel(booking, reason, now);
                    return new(BookingOutcome.LeftWaitlist, session, booking);
                case BookingStatus.Offered:
                    return await DeclineCoreAsync(session, booking, now, ct);
            }
            if (enforceDeadline && now >= session.Start) return new(BookingOutcome.SessionPast, session);
            if (enforceDeadline && now >= session.CancellationDeadline) return new(BookingOutcome.CancellationClosed, session, booking);
            var wasClient = booking.Role == BookingRole.Client;
            Cancel(booking, reason, now);
            booking.CalendarSequence++;
            await agenda.CancelForBookingAsync(booking.Id, ct);
            await db.SaveChangesAsync(ct);
            await PassSeatOnAsync(session, wasClient, now, ct);
            return new(BookingOutcome.Cancelled, await FreshAsync(sessionId, ct), booking);
        }, ct);

    public Task<BookingResult> AcceptOfferAsync(long sessionId, long memberId, Instant now, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await transactions.LockMemberAsync(memberId, now, ct);
            var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return new(BookingOutcome.NotFound);
            var booking = await Bookings.FirstOrDefaultAsync(b => b.SessionId == sessionId && b.MemberId == memberId, ct);
            if (session.Status == SessionStatus.Cancelled) return new(BookingOutcome.SessionCancelled, session);
            return booking?.Status switch
            {
                BookingStatus.Offered => await AcceptCoreAsync(session, booking, now, ct),
                BookingStatus.Confirmed => new(BookingOutcome.AlreadyConfirmed, session, booking),
                BookingStatus.Cancelled when booking.CancelReason == CancelReasons.OfferExpired => new(BookingOutcome.OfferExpired, session, booking),
                BookingStatus.Waitlisted => new(BookingOutcome.NoOffer, session, booking, await PositionAsync(booking, ct)),
                _ => new(BookingOutcome.NoOffer, session),
            };
        }, ct);

    public Task<BookingResult> DeclineOfferAsync(long sessionId, long memberId, Instant now, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await transactions.LockMemberAsync(memberId, now, ct);
            var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return new(BookingOutcome.NotFound);
            var booking = await Bookings.FirstOrDefaultAsync(b => b.SessionId == sessionId && b.MemberId == memberId, ct);
            return booking?.Status == BookingStatus.Offered ? await DeclineCoreAsync(session, booking, now, ct) : new(BookingOutcome.NoOffer, session);
        }, ct);

    /// <summary>A client who no longer brings a problem stays as a consultant; the client slot is freed.</summary>
    public Task<BookingResult> StopBeingClientAsync(long sessionId, long memberId, Instant now, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await transactions.LockMemberAsync(memberId, now, ct);
            var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return new(BookingOutcome.NotFound);
            var booking = await Bookings.FirstOrDefaultAsync(b => b.SessionId == sessionId && b.MemberId == memberId, ct);
            if (booking is null || booking.Role != BookingRole.Client || booking.Status == BookingStatus.Cancelled) return new(BookingOutcome.NotClient, session);
            if (booking.Status == BookingStatus.Confirmed)
                await Sessions.Where(s => s.Id == sessionId && s.ClientsTaken > 0)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClientsTaken, s => s.ClientsTaken - 1).SetProperty(s => s.SeatsVersion, s => s.SeatsVersion + 1), ct);
            booking.Role = BookingRole.Consultant;
            booking.UpdatedAt = now;
            await notifier.RefreshPostsAsync(sessionId, now, ct);
            return new(BookingOutcome.NoLongerClient, await FreshAsync(sessionId, ct), booking);
        }, ct);

    /// <summary>The due work's side: an offer not confirmed in time passes to the next on the waitlist (caller's transaction).</summary>
    public async Task ExpireOfferAsync(long offerId, Instant now, CancellationToken ct)
    {
        var offer = await db.Set<WaitlistOffer>().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null || offer.Outcome != OfferOutcome.Pending || now < offer.ExpiresAt) return;
        await transactions.LockMemberAsync(offer.MemberId, now, ct);
        var booking = await Bookings.FirstOrDefaultAsync(b => b.Id == offer.BookingId, ct);
        var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == offer.SessionId, ct);
        if (booking is null || session is null || booking.Status != BookingStatus.Offered || booking.OfferCount != offer.OfferNo) return;
        await ExpireCoreAsync(session, booking, offer, now, ct);
    }

    /// <summary>Whether a session can take bookings now; null when it can.</summary>
    private static BookingResult? Unbookable(CoDevSession? session, Instant now) => session switch
    {
        null => new(BookingOutcome.NotFound),
        { Status: SessionStatus.Cancelled } => new(BookingOutcome.SessionCancelled, session),
        _ when session.Start <= now => new(BookingOutcome.SessionPast, session),
        _ => null,
    };

    private async Task<BookingResult> BecomeClientAsync(CoDevSession session, Booking booking, string? problem, Instant now, CancellationToken ct)
    {
        if (booking.Role == BookingRole.Client)
        {
            if (problem is null || problem == booking.Problem) return new(BookingOutcome.AlreadyConfirmed, session, booking);
            booking.Problem = problem;
            booking.UpdatedAt = now;
            return new(BookingOutcome.ProblemUpdated, session, booking);
        }
        if (now >= session.BookingDeadline) return new(BookingOutcome.BookingClosed, session, booking);
        var updated = await Sessions.Where(s => s.Id == session.Id && s.Status == SessionStatus.Open && s.ClientsTaken < s.ClientSlots)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClientsTaken, s => s.ClientsTaken + 1).SetProperty(s => s.SeatsVersion, s => s.SeatsVersion + 1), ct);
        if (updated == 0) return new(BookingOutcome.ClientSlotsFull, session, booking);
        booking.Role = BookingRole.Client;
        booking.Problem = problem;
        booking.UpdatedAt = now;
        await notifier.RefreshPostsAsync(session.Id, now, ct);
        return new(BookingOutcome.BecameClient, await FreshAsync(session.Id, ct), booking);
    }

    private async Task<BookingResult> AcceptCoreAsync(CoDevSession session, Booking booking, Instant now, CancellationToken ct)
    {
        var offer = await db.Set<WaitlistOffer>().FirstOrDefaultAsync(o => o.BookingId == booking.Id && o.OfferNo == booking.OfferCount, ct);
        if (booking.OfferExpiresAt is { } expires && now >= expires)
        {
            if (offer is not null) await ExpireCoreAsync(session, booking, offer, now, ct);
            return new(BookingOutcome.OfferExpired, session, booking);
        }
        if (await OverlapAsync(booking.MemberId, session, ct) is { } conflict) return new(BookingOutcome.Overlap, session, booking, Conflict: conflict);
        if (offer is not null)
        {
            offer.Outcome = OfferOutcome.Accepted;
            offer.DecidedAt = now;
            await agenda.CancelOfferExpiryAsync(offer.Id, ct);
        }
        var outcome = BookingOutcome.OfferAccepted;
        if (booking.Role == BookingRole.Client)
        {
            var client = await Sessions.Where(s => s.Id == session.Id && s.ClientsTaken < s.ClientSlots)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClientsTaken, s => s.ClientsTaken + 1), ct);
            if (client == 0) { booking.Role = BookingRole.Consultant; outcome = BookingOutcome.OfferAcceptedAsConsultant; }
        }
        await Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsVersion, s => s.SeatsVersion + 1), ct);
        booking.Status = BookingStatus.Confirmed;
        booking.OfferExpiresAt = null;
        booking.WaitlistedAt = null;
        booking.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await agenda.PlanRemindersAsync(session, booking, now, ct);
        await notifier.RefreshPostsAsync(session.Id, now, ct);
        logger.LogInformation("Liste d'attente : offre {No} de la session {Session} acceptée par le membre {Member}", booking.OfferCount, session.Id, booking.MemberId);
        return new(outcome, await FreshAsync(session.Id, ct), booking);
    }

    private async Task<BookingResult> DeclineCoreAsync(CoDevSession session, Booking booking, Instant now, CancellationToken ct)
    {
        var offer = await db.Set<WaitlistOffer>().FirstOrDefaultAsync(o => o.BookingId == booking.Id && o.OfferNo == booking.OfferCount, ct);
        if (offer is not null)
        {
            offer.Outcome = OfferOutcome.Declined;
            offer.DecidedAt = now;
            await agenda.CancelOfferExpiryAsync(offer.Id, ct);
        }
        Cancel(booking, CancelReasons.OfferDeclined, now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Liste d'attente : offre {No} de la session {Session} refusée par le membre {Member}", booking.OfferCount, session.Id, booking.MemberId);
        await PassSeatOnAsync(session, releasesClient: false, now, ct);
        return new(BookingOutcome.OfferDeclined, await FreshAsync(session.Id, ct), booking);
    }

    private async Task ExpireCoreAsync(CoDevSession session, Booking booking, WaitlistOffer offer, Instant now, CancellationToken ct)
    {
        offer.Outcome = OfferOutcome.Expired;
        offer.DecidedAt = now;
        await agenda.CancelOfferExpiryAsync(offer.Id, ct);
        Cancel(booking, CancelReasons.OfferExpired, now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Liste d'attente : offre {No} de la session {Session} expirée pour le membre {Member}", offer.OfferNo, session.Id, booking.MemberId);
        await notifier.OfferExpiredAsync(session, booking, ct);
        await PassSeatOnAsync(session, releasesClient: false, now, ct);
    }

    /// <summary>
    /// A held seat is free again: offered to the first on the waitlist while bookings are open (the seat stays held),
    /// otherwise given back. The next member is locked before the session row, as every booking change does.
    /// </summary>
    private async Task PassSeatOnAsync(CoDevSession session, bool releasesClient, Instant now, CancellationToken ct)
    {
        Booking? next = null;
        if (session.Status == SessionStatus.Open && now < session.BookingDeadline)
        {
            var candidates = await Bookings.AsNoTracking()
                .Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Waitlisted)
                .OrderBy(b => b.WaitlistedAt).ThenBy(b => b.Id).Select(b => new { b.Id, b.MemberId }).Take(5).ToListAsync(ct);
            foreach (var candidate in candidates)
            {
                await transactions.LockMemberAsync(candidate.MemberId, now, ct);
                next = await Bookings.FirstOrDefaultAsync(b => b.Id == candidate.Id && b.Status == BookingStatus.Waitlisted, ct);
                if (next is not null) break;
            }
        }
        var freed = next is null ? 1 : 0;
        var client = releasesClient ? 1 : 0;
        await Sessions.Where(s => s.Id == session.Id)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Taken, s => s.Taken - freed)
                .SetProperty(s => s.ClientsTaken, s => s.ClientsTaken - client)
                .SetProperty(s => s.SeatsVersion, s => s.SeatsVersion + 1), ct);
        if (next is not null) await OfferAsync(session, next, now, ct);
        await notifier.RefreshPostsAsync(session.Id, now, ct);
    }

    /// <summary>Offers a held seat to a waitlisted member, until the offer time runs out or bookings close.</summary>
    internal async Task OfferAsync(CoDevSession session, Booking next, Instant now, CancellationToken ct)
    {
        var expires = now + Duration.FromHours(options.Value.OfferHours);
        if (session.BookingDeadline < expires) expires = session.BookingDeadline;
        var position = 1 + await Bookings.CountAsync(b => b.SessionId == session.Id && b.Status == BookingStatus.Waitlisted
            && (b.WaitlistedAt < next.WaitlistedAt || (b.WaitlistedAt == next.WaitlistedAt && b.Id < next.Id)), ct);
        next.Status = BookingStatus.Offered;
        next.OfferCount++;
        next.OfferExpiresAt = expires;
        next.UpdatedAt = now;
        var offer = new WaitlistOffer
        {
            BookingId = next.Id, SessionId = session.Id, MemberId = next.MemberId, OfferNo = next.OfferCount,
            Position = position, OfferedAt = now, ExpiresAt = expires, Outcome = OfferOutcome.Pending,
        };
        db.Add(offer);
        await db.SaveChangesAsync(ct);
        agenda.PlanOfferExpiry(session, offer);
        await notifier.OfferAsync(session, next, ct);
        logger.LogInformation("Liste d'attente : place de la session {Session} proposée au membre {Member} (position {Position}, offre {No}) jusqu'à {Expires}",
            session.Id, next.MemberId, position, next.OfferCount, expires);
    }

    private async Task<bool> TakeSeatAsync(long sessionId, bool asClient, CancellationToken ct)
    {
        var query = Sessions.Where(s => s.Id == sessionId && s.Status == SessionStatus.Open && s.Taken < s.CapacityMax);
        var updated = asClient
            ? await query.Where(s => s.ClientsTaken < s.ClientSlots).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Taken, s => s.Taken + 1)
                .SetProperty(s => s.ClientsTaken, s => s.ClientsTaken + 1)
                .SetProperty(s => s.SeatsVersion, s => s.SeatsVersion + 1), ct)
            : await query.ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Taken, s => s.Taken + 1)
                .SetProperty(s => s.SeatsVersion, s => s.SeatsVersion + 1), ct);
        return updated == 1;
    }

    /// <summary>Another session of the member's (confirmed or offered) that overlaps this one.</summary>
    private async Task<CoDevSession?> OverlapAsync(long memberId, CoDevSession session, CancellationToken ct)
    {
        var end = session.End;
        var others = await Bookings.AsNoTracking()
            .Where(b => b.MemberId == memberId && b.SessionId != session.Id && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Offered))
            .Join(Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Open && s.Start < end), b => b.SessionId, s => s.Id, (b, s) => s)
            .ToListAsync(ct);
        return others.FirstOrDefault(o => o.End > session.Start);
    }

    public Task<int> PositionAsync(Booking booking, CancellationToken ct) =>
        Bookings.CountAsync(b => b.SessionId == booking.SessionId && b.Status == BookingStatus.Waitlisted
            && (b.WaitlistedAt < booking.WaitlistedAt || (b.WaitlistedAt == booking.WaitlistedAt && b.Id <= booking.Id)), ct);

    private Task<CoDevSession> FreshAsync(long sessionId, CancellationToken ct) => Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);

    private static void Cancel(Booking booking, string reason, Instant now)
    {
        booking.Status = BookingStatus.Cancelled;
        booking.CancelReason = reason;
        booking.OfferExpiresAt = null;
        booking.UpdatedAt = now;
    }

    private async Task<BookingResult> RunAsync(Func<Task<BookingResult>> work, CancellationToken ct)
    {
        // An offer found expired when accepted is passed on: that change is kept although the answer is a refusal.
        var result = await transactions.RunAsync(work, r => !r.IsError || r.Outcome == BookingOutcome.OfferExpired, ct);
        if (!result.IsError) await agenda.WakeIfNeededAsync(ct);
        return result;
    }
}

public static class CancelReasons
{
    public const string Member = "annulée par le membre";
    public const string OfferExpired = "offre expirée";
    public const string OfferDeclined = "offre refusée";
    public const string SessionCancelled = "session annulée";
    public const string Erased = "données supprimées";
}
