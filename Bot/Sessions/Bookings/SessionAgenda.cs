using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Sessions.Bookings;

/// <summary>
/// Plans what must happen at an instant (reminders, offer expiries, the facilitator's summary, the guide card, the
/// follow-up) as rows of the agenda, in the caller's transaction; the due work does them. Keys are unique, so a plan
/// made twice is made once, and a reminder already sent is not planned again.
/// </summary>
public sealed class SessionAgenda(BotDbContext db, IDueWorkScheduler scheduler, IOptions<SessionsOptions> options)
{
    public const string WorkName = "sessions";
    private Instant? _earliestPlanned;

    private DbSet<SessionAgendaItem> Items => db.Set<SessionAgendaItem>();

    public static string ReminderKey(long bookingId, string label, int scheduleVersion) =>
        scheduleVersion == 0 ? $"reminder:{bookingId}:{label}" : string.Create(CultureInfo.InvariantCulture, $"reminder:{bookingId}:{label}:v{scheduleVersion}");

    /// <summary>The reminders of a confirmed booking still to come (a booking made again keeps those already sent).</summary>
    public async Task PlanRemindersAsync(CoDevSession session, Booking booking, Instant now, CancellationToken ct, bool firstTime = false)
    {
        var wanted = ReminderOffsets.Parse(session.Reminders)
            .Select(o => (o.Label, DueAt: session.Start - o.Before, Key: ReminderKey(booking.Id, o.Label, session.ScheduleVersion)))
            .Where(r => r.DueAt > now)
            .ToList();
        var keys = wanted.Select(w => w.Key).ToList();
        var existing = firstTime || keys.Count == 0 ? [] : await Items.Where(i => keys.Contains(i.Key)).Select(i => i.Key).ToListAsync(ct);
        foreach (var (label, dueAt, key) in wanted.Where(w => !existing.Contains(w.Key)))
            Add(new SessionAgendaItem { Kind = AgendaKind.Reminder, SessionId = session.Id, BookingId = booking.Id, Label = label, DueAt = dueAt, Key = key });
    }

    /// <summary>The session's own moments: the facilitator's summary the day before, the guide card at the start, the follow-up at the end.</summary>
    public async Task PlanSessionAsync(CoDevSession session, Instant now, CancellationToken ct)
    {
        var v = session.ScheduleVersion;
        var wanted = new List<SessionAgendaItem>
        {
            new() { Kind = AgendaKind.FacilitatorSummary, SessionId = session.Id, DueAt = session.Start - Duration.FromHours(options.Value.FacilitatorSummaryHours), Key = $"summary:{session.Id}:v{v}" },
            new() { Kind = AgendaKind.GuideStart, SessionId = session.Id, DueAt = session.Start, Key = $"guide:{session.Id}:v{v}" },
            new() { Kind = AgendaKind.FollowUp, SessionId = session.Id, DueAt = session.End, Key = $"followup:{session.Id}:v{v}" },
        };
        var keys = wanted.Select(w => w.Key).ToList();
        var existing = await Items.Where(i => keys.Contains(i.Key)).Select(i => i.Key).ToListAsync(ct);
        foreach (var item in wanted.Where(w => w.DueAt > now && !existing.Contains(w.Key))) Add(item);
    }

    public void PlanOfferExpiry(CoDevSession session, WaitlistOffer offer) =>
        Add(new SessionAgendaItem { Kind = AgendaKind.OfferExpiry, SessionId = session.Id, BookingId = offer.BookingId, OfferId = offer.Id, DueAt = offer.ExpiresAt, Key = $"offer-expiry:{offer.Id}" });

    /// <summary>Drops what is still planned for a booking (its reminders, its offer's expiry).</summary>
    public Task<int> CancelForBookingAsync(long bookingId, CancellationToken ct) =>
        Items.Where(i => i.BookingId == bookingId && i.DoneAt == null).ExecuteDeleteAsync(ct);

    public Task<int> CancelOfferExpiryAsync(long offerId, CancellationToken ct) =>
        Items.Where(i => i.OfferId == offerId && i.DoneAt == null).ExecuteDeleteAsync(ct);

    /// <summary>Drops everything still planned for a session (it moved or was cancelled).</summary>
    public Task<int> CancelForSessionAsync(long sessionId, CancellationToken ct) =>
        Items.Where(i => i.SessionId == sessionId && i.DoneAt == null).ExecuteDeleteAsync(ct);

    /// <summary>After the commit: wakes the due work earlier if something new is due before what was planned.</summary>
    public async Task WakeIfNeededAsync(CancellationToken ct)
    {
        if (_earliestPlanned is not { } earliest) return;
        _earliestPlanned = null;
        await scheduler.WakeAtAsync(WorkName, earliest, ct);
    }

    private void Add(SessionAgendaItem item)
    {
        Items.Add(item);
        if (_earliestPlanned is null || item.DueAt < _earliestPlanned) _earliestPlanned = item.DueAt;
    }
}
