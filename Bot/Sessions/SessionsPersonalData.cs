using Communaute.Bot.Privacy;
using Communaute.Bot.Sessions.Bookings;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions;

/// <summary>
/// The member's bookings (with problem statements, action plans, feedback), waitlist offers, profile and pair history.
/// Erasure first cancels the places still held, so each freed seat is offered to the waitlist, then deletes the rows.
/// </summary>
public sealed class SessionsPersonalData(BotDbContext db, BookingService bookings, TimeProvider clock) : IPersonalDataSource
{
    public string Name => "sessions";

    public int DeleteOrder => 400;

    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var rows = new List<object>();
        var booked = await db.Set<Booking>().AsNoTracking().Where(b => b.MemberId == memberId)
            .Join(db.Set<CoDevSession>().AsNoTracking(), b => b.SessionId, s => s.Id, (b, s) => new { b, s.Title, s.Start })
            .OrderBy(x => x.Start).ToListAsync(ct);
        rows.AddRange(booked.Select(x => (object)new
        {
            Type = "réservation", Session = x.Title, SessionId = x.b.SessionId, Debut = x.Start.ToString(), Role = x.b.Role.ToString(), Statut = x.b.Status.ToString(),
            Probleme = x.b.Problem, PlanAction = x.b.ActionPlan, Avis = x.b.Feedback, Present = x.b.Attended, x.b.Source, ReserveLe = x.b.BookedAt.ToString(), x.b.CancelReason,
        }));
        var offers = await db.Set<WaitlistOffer>().AsNoTracking().Where(o => o.MemberId == memberId).OrderBy(o => o.Id).ToListAsync(ct);
        rows.AddRange(offers.Select(o => (object)new
        {
            Type = "offre de place", o.SessionId, o.OfferNo, o.Position, ProposeeLe = o.OfferedAt.ToString(), ExpireLe = o.ExpiresAt.ToString(), Issue = o.Outcome.ToString(),
        }));
        if (await db.Set<SessionProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == memberId, ct) is { } profile)
            rows.Add(new { Type = "profil", profile.Organisation, profile.Region, EnPauseJusquau = profile.PausedUntil?.ToString() });
        var met = await db.Set<PairMeeting>().AsNoTracking().Where(p => p.MemberA == memberId || p.MemberB == memberId)
            .Select(p => new { p.SessionId, p.MetAt }).ToListAsync(ct);
        rows.AddRange(met.GroupBy(p => p.SessionId).Select(g => (object)new
        {
            Type = "rencontres", SessionId = g.Key, Le = g.First().MetAt.ToString(), Personnes = g.Count(),
        }));
        return rows;
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var held = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.MemberId == memberId && b.Status != BookingStatus.Cancelled)
            .Select(b => b.SessionId).ToListAsync(ct);
        foreach (var sessionId in held)
            await bookings.CancelAsync(sessionId, memberId, now, enforceDeadline: false, CancelReasons.Erased, ct);

        var bookingIds = await db.Set<Booking>().Where(b => b.MemberId == memberId).Select(b => b.Id).ToListAsync(ct);
        var count = await db.Set<SessionAgendaItem>().Where(i => i.BookingId != null && bookingIds.Contains(i.BookingId.Value)).ExecuteDeleteAsync(ct);
        count += await db.Set<WaitlistOffer>().Where(o => o.MemberId == memberId).ExecuteDeleteAsync(ct);
        count += await db.Set<Booking>().Where(b => b.MemberId == memberId).ExecuteDeleteAsync(ct);
        count += await db.Set<PairMeeting>().Where(p => p.MemberA == memberId || p.MemberB == memberId).ExecuteDeleteAsync(ct);
        count += await db.Set<SessionProfile>().Where(p => p.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.Set<CoDevSession>().Where(s => s.FacilitatorMemberId == memberId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FacilitatorMemberId, (long?)null).SetProperty(s => s.FacilitatorName, (string?)null), ct);
        await db.Set<SessionSeries>().Where(s => s.FacilitatorMemberId == memberId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FacilitatorMemberId, (long?)null), ct);
        return count;
    }
}
