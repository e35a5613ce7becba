using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions.Features;

/// <summary>A participant as a facilitator sees them.</summary>
public sealed record ParticipantRow(long BookingId, long MemberId, string Name, BookingRole Role, BookingStatus Status, string? Organisation,
    string? Region, string ZoneId, string? Problem, bool? Attended, int? Position);

/// <summary>Reads of sessions and bookings the conversations need (no changes here).</summary>
public sealed class SessionQueries(BotDbContext db, ICalendarLinks links)
{
    private DbSet<CoDevSession> Sessions => db.Set<CoDevSession>();
    private DbSet<Booking> Bookings => db.Set<Booking>();

    public Task<CoDevSession?> FindAsync(long id, CancellationToken ct) => Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>Open sessions not yet started, soonest first.</summary>
    public Task<List<CoDevSession>> UpcomingAsync(Instant now, int take, CancellationToken ct, int skip = 0) =>
        Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Open && s.Start > now).OrderBy(s => s.Start).ThenBy(s => s.Id).Skip(skip).Take(take).ToListAsync(ct);

    public Task<int> UpcomingCountAsync(Instant now, CancellationToken ct) =>
        Sessions.CountAsync(s => s.Status == SessionStatus.Open && s.Start > now, ct);

    /// <summary>The member's sessions not over yet, with a place, an offer or a waitlist position.</summary>
    public async Task<List<(CoDevSession Session, Booking Booking)>> MineAsync(long memberId, Instant now, CancellationToken ct)
    {
        var rows = await Bookings.AsNoTracking().Where(b => b.MemberId == memberId && b.Status != BookingStatus.Cancelled)
            .Join(Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Open), b => b.SessionId, s => s.Id, (b, s) => new { b, s })
            .ToListAsync(ct);
        return rows.Where(x => x.s.End > now).OrderBy(x => x.s.Start).Select(x => (x.s, x.b)).ToList();
    }

    public Task<int> WaitingAsync(long sessionId, CancellationToken ct) =>
        Bookings.CountAsync(b => b.SessionId == sessionId && b.Status == BookingStatus.Waitlisted, ct);

    public Task<Booking?> BookingAsync(long sessionId, long memberId, CancellationToken ct) =>
        Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.SessionId == sessionId && b.MemberId == memberId, ct);

    public Task<int> PositionAsync(Booking booking, CancellationToken ct) =>
        Bookings.CountAsync(b => b.SessionId == booking.SessionId && b.Status == BookingStatus.Waitlisted
            && (b.WaitlistedAt < booking.WaitlistedAt || (b.WaitlistedAt == booking.WaitlistedAt && b.Id <= booking.Id)), ct);

    public async Task<ViewerState> ViewerAsync(CoDevSession session, Booking? booking, MemberInfo viewer, Instant now, CancellationToken ct)
    {
        if (booking is null || booking.Status == BookingStatus.Cancelled) return new ViewerState(IsFacilitator: viewer.IsFacilitator);
        return new ViewerState(booking.Status, booking.Role,
            booking.Status == BookingStatus.Waitlisted ? await PositionAsync(booking, ct) : null,
            booking.OfferExpiresAt,
            booking.Status == BookingStatus.Confirmed ? links.Link(booking.Id) : null,
            viewer.IsFacilitator);
    }

    /// <summary>The session's card for this viewer, reading their booking.</summary>
    public async Task<Reply> CardAsync(CoDevSession session, MemberInfo viewer, Instant now, CancellationToken ct)
    {
        var booking = await BookingAsync(session.Id, viewer.Id, ct);
        return Reply.Show(SessionCards.SessionCard(session, await WaitingAsync(session.Id, ct), viewer.Zone, await ViewerAsync(session, booking, viewer, now, ct), now));
    }

    public string CalendarLink(long bookingId) => links.Link(bookingId);

    public async Task<List<ParticipantRow>> ParticipantsAsync(long sessionId, IQueryable<Member> visible, CancellationToken ct)
    {
        var rows = await Bookings.AsNoTracking().Where(b => b.SessionId == sessionId && b.Status != BookingStatus.Cancelled)
            .Join(visible, b => b.MemberId, m => m.Id, (b, m) => new { b, m.DisplayName, m.TimeZoneId })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.b.MemberId).ToList();
        var profiles = await db.Set<SessionProfile>().AsNoTracking().Where(p => ids.Contains(p.MemberId)).ToDictionaryAsync(p => p.MemberId, ct);
        var waiting = rows.Where(r => r.b.Status == BookingStatus.Waitlisted).OrderBy(r => r.b.WaitlistedAt).ThenBy(r => r.b.Id).Select(r => r.b.Id).ToList();
        return rows.Select(r =>
            {
                profiles.TryGetValue(r.b.MemberId, out var p);
                var position = waiting.IndexOf(r.b.Id);
                return new ParticipantRow(r.b.Id, r.b.MemberId, string.IsNullOrWhiteSpace(r.DisplayName) ? "membre" : r.DisplayName, r.b.Role, r.b.Status,
                    p?.Organisation, p?.Region, r.TimeZoneId, r.b.Problem, r.b.Attended, position < 0 ? null : position + 1);
            })
            .OrderBy(r => r.Status).ThenBy(r => r.Role == BookingRole.Client ? 0 : 1).ThenBy(r => r.Position).ThenBy(r => r.Name)
            .ToList();
    }

    public Task<SessionProfile?> ProfileAsync(long memberId, CancellationToken ct) =>
        db.Set<SessionProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == memberId, ct);
}
