using Communaute.Dialogs.Replies;
using System.Globalization;
using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions.Bookings;

/// <summary>The answer to a facilitator's change: done, or why not (nothing changed then).</summary>
public sealed record AdminResult(CoDevSession? Session, string? Refusal = null, int Notified = 0, int WaitingNotified = 0)
{
    public bool Done => Refusal is null && Session is not null;
}

/// <summary>
/// What facilitators do to sessions: create one or a monthly series, edit or move, cancel one or the rest of a series.
/// Everyone booked is told, their invites get a higher SEQUENCE, reminders are planned again, cards in channels updated.
/// </summary>
public sealed class SessionAdmin(
    BotDbContext db, SessionTransactions transactions, SessionAgenda agenda, SessionNotifier notifier,
    BookingService bookings, ILogger<SessionAdmin> logger)
{
    private DbSet<CoDevSession> Sessions => db.Set<CoDevSession>();
    private DbSet<Booking> Bookings => db.Set<Booking>();

    public async Task<CoDevSession> CreateAsync(SessionDraft draft, MemberInfo facilitator, Instant now, CancellationToken ct)
    {
        var session = await transactions.RunAsync(async () =>
        {
            var s = NewSession(draft, draft.Start!.Value, facilitator, null, now);
            Sessions.Add(s);
            await db.SaveChangesAsync(ct);
            await agenda.PlanSessionAsync(s, now, ct);
            return s;
        }, _ => true, ct);
        await agenda.WakeIfNeededAsync(ct);
        logger.LogInformation("Sessions : session {Session} créée par le membre {Member}", session.Id, facilitator.Id);
        return session;
    }

    public async Task<(SessionSeries Series, IReadOnlyList<CoDevSession> Sessions)> CreateSeriesAsync(
        SeriesReading reading, IReadOnlyList<PlannedDate> planned, string phrase, SessionDraft template, MemberInfo facilitator, Instant now, CancellationToken ct)
    {
        var zone = facilitator.Zone;
        var rule = reading.Rule!;
        var from = reading.From ?? now.InZone(zone).Date;
        var dates = planned.Select(p => p.Date).ToList();
        var result = await transactions.RunAsync(async () =>
        {
            var series = new SessionSeries
            {
                Phrase = phrase.Length > 500 ? phrase[..500] : phrase, Ordinal = rule.Ordinal, Day = rule.Day, MinuteOfDay = rule.Time.Hour * 60 + rule.Time.Minute,
                ZoneId = zone.Id, From = DateOnly.FromDateTime(from.ToDateTimeUnspecified()),
                Until = reading.Until is { } u ? DateOnly.FromDateTime(u.ToDateTimeUnspecified()) : null, Count = reading.Count,
                Title = template.Title, FacilitatorMemberId = facilitator.Id, Status = SessionStatus.Open, CreatedAt = now,
            };
            db.Add(series);
            await db.SaveChangesAsync(ct);
            var created = dates.Select(d => NewSession(template, rule.At(d, zone), facilitator, series.Id, now)).ToList();
            Sessions.AddRange(created);
            await db.SaveChangesAsync(ct);
            foreach (var s in created) await agenda.PlanSessionAsync(s, now, ct);
            return (series, (IReadOnlyList<CoDevSession>)created);
        }, _ => true, ct);
        await agenda.WakeIfNeededAsync(ct);
        return result;
    }

    /// <summary>Edits a session (and moves it when the start changed).</summary>
    public async Task<AdminResult> UpdateAsync(long sessionId, SessionDraft draft, Instant now, CancellationToken ct)
    {
        var result = await transactions.RunAsync(async () =>
        {
            var s = await Sessions.FirstOrDefaultAsync(x => x.Id == sessionId, ct);
            if (Unchangeable(s, now) is { } refusal) return new AdminResult(s, refusal);
            if (draft.CapacityMax < s!.Taken)
                return new AdminResult(s, $"{s.Taken} personnes ont déjà une place : la capacité maximale ne peut pas descendre sous {s.Taken}.");
            if (draft.ClientSlots < s.ClientsTaken)
                return new AdminResult(s, $"{FrenchCount.Of(s.ClientsTaken, "client est déjà inscrit", "clients sont déjà inscrits")} : gardez au moins {FrenchCount.Of(s.ClientsTaken, "place de client", "places de client")}.");
            var start = draft.Start ?? s.Start;
            var moved = start != s.Start;
            var significant = moved || draft.DurationMinutes != s.DurationMinutes || draft.Place != s.Place || draft.Title != s.Title;
            var replan = moved || draft.DurationMinutes != s.DurationMinutes || ReminderOffsets.Format(draft.Reminders) != s.Reminders;
            var grew = draft.CapacityMax > s.CapacityMax;
            s.Title = draft.Title;
            s.Theme = draft.Theme;
            s.Start = start;
            s.DurationMinutes = draft.DurationMinutes;
            s.Place = draft.Place;
            s.CapacityMin = draft.CapacityMin;
            s.CapacityMax = draft.CapacityMax;
            s.ClientSlots = draft.ClientSlots;
            s.BookingClosesHours = draft.BookingClosesHours;
            s.CancellationClosesHours = draft.CancellationClosesHours;
            s.Organisation = draft.Organisation;
            s.Reminders = ReminderOffsets.Format(draft.Reminders);
            if (moved) s.ScheduleVersion++;
            s.SeatsVersion++;
            await db.SaveChangesAsync(ct);

            var active = await Bookings.Where(b => b.SessionId == sessionId && b.Status != BookingStatus.Cancelled).ToListAsync(ct);
            if (significant) foreach (var b in active) b.CalendarSequence++;
            if (replan) await ReplanAsync(s, active, now, ct);
            await db.SaveChangesAsync(ct);
            if (grew) await OfferFreedSeatsAsync(s, now, ct);
            int notified = 0, waiting = 0;
            if (significant)
                foreach (var b in active)
                    if (await TellChangedAsync(s, b, moved ? "nouvelle date" : "la session a changé", now, ct))
                    {
                        if (b.Status == BookingStatus.Waitlisted) waiting++;
                        else notified++;
                    }
            await notifier.RefreshPostsAsync(s.Id, now, ct);
            return new AdminResult(s, null, notified, waiting);
        }, r => r.Done, ct);
        if (result.Done) await agenda.WakeIfNeededAsync(ct);
        return result;
    }

    /// <summary>Cancels a session: every booking is cancelled and its holder told, with the invite to remove.</summary>
    public async Task<AdminResult> CancelSessionAsync(long sessionId, Instant now, CancellationToken ct)
    {
        return await transactions.RunAsync(() => CancelCoreAsync(sessionId, now, ct), r => r.Done, ct);
    }

    /// <summary>Cancels the sessions of a series still to come, and the series.</summary>
    public async Task<(int Sessions, int Notified, string? Refusal)> CancelSeriesAsync(long seriesId, Instant now, CancellationToken ct)
    {
        return await transactions.RunAsync(async () =>
        {
            var series = await db.Set<SessionSeries>().FirstOrDefaultAsync(x => x.Id == seriesId, ct);
            if (series is null) return (0, 0, (string?)$"Je ne trouve pas de série n° {seriesId}.");
            if (series.Status == SessionStatus.Cancelled) return (0, 0, (string?)$"La série n° {seriesId} est déjà annulée.");
            series.Status = SessionStatus.Cancelled;
            var ids = await Sessions.Where(s => s.SeriesId == seriesId && s.Status == SessionStatus.Open && s.Start > now).Select(s => s.Id).ToListAsync(ct);
            var notified = 0;
            foreach (var id in ids) notified += (await CancelCoreAsync(id, now, ct)).Notified;
            return (ids.Count, notified, (string?)null);
        }, r => r.Item3 is null, ct);
    }

    private async Task<AdminResult> CancelCoreAsync(long sessionId, Instant now, CancellationToken ct)
    {
        var s = await Sessions.FirstOrDefaultAsync(x => x.Id == sessionId, ct);
        if (s is null) return new AdminResult(null, $"Je ne trouve pas de session n° {sessionId}.");
        if (s.Status == SessionStatus.Cancelled) return new AdminResult(s, $"La session « {s.Title} » est déjà annulée.");
        if (s.Start <= now) return new AdminResult(s, $"La session « {s.Title} » a déjà commencé : elle ne peut plus être annulée.");
        s.Status = SessionStatus.Cancelled;
        s.CancelledAt = now;
        s.SeatsVersion++;
        var active = await Bookings.Where(b => b.SessionId == sessionId && b.Status != BookingStatus.Cancelled).ToListAsync(ct);
        var held = active.Where(b => b.Status is BookingStatus.Confirmed or BookingStatus.Offered).Select(b => b.Id).ToHashSet();
        foreach (var b in active)
        {
            b.Status = BookingStatus.Cancelled;
            b.CancelReason = CancelReasons.SessionCancelled;
            b.CalendarSequence++;
            b.UpdatedAt = now;
        }
        await db.Set<WaitlistOffer>().Where(o => o.SessionId == sessionId && o.Outcome == OfferOutcome.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Outcome, OfferOutcome.Withdrawn).SetProperty(o => o.DecidedAt, now), ct);
        await agenda.CancelForSessionAsync(sessionId, ct);
        await db.SaveChangesAsync(ct);
        var notified = 0;
        foreach (var b in active)
        {
            var zone = await notifier.ZoneOfAsync(b.MemberId, ct);
            var link = held.Contains(b.Id) ? notifier.CalendarLink(b.Id) : null;
            notified += await notifier.ToMemberAsync(b.MemberId, SessionCards.Cancelled(s, zone, link), $"session-cancelled:{s.Id}:{b.Id}", ct) ? 1 : 0;
        }
        await notifier.RefreshPostsAsync(s.Id, now, ct);
        logger.LogInformation("Sessions : session {Session} annulée, {Count} membre(s) prévenu(s)", s.Id, notified);
        return new AdminResult(s, null, notified);
    }

    private async Task ReplanAsync(CoDevSession s, IReadOnlyList<Booking> active, Instant now, CancellationToken ct)
    {
        await agenda.CancelForSessionAsync(s.Id, ct);
        await agenda.PlanSessionAsync(s, now, ct);
        foreach (var b in active.Where(b => b.Status == BookingStatus.Confirmed)) await agenda.PlanRemindersAsync(s, b, now, ct);
        var offers = await db.Set<WaitlistOffer>().Where(o => o.SessionId == s.Id && o.Outcome == OfferOutcome.Pending).ToListAsync(ct);
        foreach (var offer in offers)
        {
            if (s.BookingDeadline < offer.ExpiresAt) offer.ExpiresAt = Instant.Max(now, s.BookingDeadline);
            agenda.PlanOfferExpiry(s, offer);
        }
    }

    /// <summary>More seats: each goes, as an offer, to the next on the waitlist.</summary>
    private async Task OfferFreedSeatsAsync(CoDevSession s, Instant now, CancellationToken ct)
    {
        if (now >= s.BookingDeadline) return;
        while (true)
        {
            var next = await Bookings.Where(b => b.SessionId == s.Id && b.Status == BookingStatus.Waitlisted)
                .OrderBy(b => b.WaitlistedAt).ThenBy(b => b.Id).FirstOrDefaultAsync(ct);
            if (next is null) return;
            var taken = await Sessions.Where(x => x.Id == s.Id && x.Taken < x.CapacityMax)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Taken, x => x.Taken + 1).SetProperty(x => x.SeatsVersion, x => x.SeatsVersion + 1), ct);
            if (taken == 0) return;
            await transactions.LockMemberAsync(next.MemberId, now, ct);
            await bookings.OfferAsync(s, next, now, ct);
        }
    }

    private async Task<bool> TellChangedAsync(CoDevSession s, Booking b, string what, Instant now, CancellationToken ct)
    {
        var zone = await notifier.ZoneOfAsync(b.MemberId, ct);
        var link = b.Status == BookingStatus.Confirmed ? notifier.CalendarLink(b.Id) : null;
        return await notifier.ToMemberAsync(b.MemberId, SessionCards.Changed(s, zone, what, link, b.Status),
            string.Create(CultureInfo.InvariantCulture, $"session-changed:{s.Id}:{b.Id}:seq{b.CalendarSequence}"), ct);
    }

    private static string? Unchangeable(CoDevSession? s, Instant now) => s switch
    {
        null => "Je ne trouve pas cette session.",
        { Status: SessionStatus.Cancelled } => $"La session « {s.Title} » est annulée : elle ne peut plus être modifiée.",
        _ when s.Start <= now => $"La session « {s.Title} » a déjà commencé : elle ne peut plus être modifiée.",
        _ => null,
    };

    private static CoDevSession NewSession(SessionDraft d, Instant start, MemberInfo facilitator, long? seriesId, Instant now) => new()
    {
        SeriesId = seriesId,
        Title = d.Title,
        Theme = d.Theme,
        Start = start,
        DurationMinutes = d.DurationMinutes,
        Place = d.Place,
        CapacityMin = d.CapacityMin,
        CapacityMax = d.CapacityMax,
        ClientSlots = d.ClientSlots,
        BookingClosesHours = d.BookingClosesHours,
        CancellationClosesHours = d.CancellationClosesHours,
        Organisation = d.Organisation,
        Reminders = ReminderOffsets.Format(d.Reminders),
        FacilitatorMemberId = facilitator.Id,
        FacilitatorName = FrenchNames.Named(facilitator.DisplayName),
        ZoneId = facilitator.Zone.Id,
        Status = SessionStatus.Open,
        CreatedAt = now,
    };
}
