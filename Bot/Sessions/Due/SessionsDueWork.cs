using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Sessions.Bookings;
using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions.Due;

/// <summary>
/// Does what the sessions' agenda says is due: reminders (J-2, H-1…), expired waitlist offers, the facilitator's
/// summary, the guide card at the start, the follow-up at the end. Each item is claimed by a conditional update
/// (<c>DoneAt = now WHERE DoneAt IS NULL</c>) in the transaction that sends its messages, so two runs, two instances
/// or a run cut by a restart send it once; the messages' keys make the outbox refuse a second copy anyway.
/// </summary>
public sealed class SessionsDueWork(
    BotDbContext db, BookingService bookings, SessionRun run, SessionNotifier notifier,
    ILogger<SessionsDueWork> logger) : IDueWork
{
    private const int Batch = 200;

    /// <summary>A reminder more than this late (the bot was down) is dropped rather than sent out of time.</summary>
    private static readonly Duration ReminderGrace = Duration.FromHours(2);

    public string Name => SessionAgenda.WorkName;

    private DbSet<SessionAgendaItem> Items => db.Set<SessionAgendaItem>();

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            var due = await Items.AsNoTracking()
                .Where(i => i.DoneAt == null && i.DueAt <= now && i.Id > after)
                .OrderBy(i => i.Id).Select(i => i.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) return;
            foreach (var id in due)
            {
                try { await DoAsync(id, now, ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sessions : l'échéance {Item} a échoué ; nouvel essai au prochain passage", id);
                    db.ChangeTracker.Clear();
                }
            }
            after = due[^1];
        }
    }

    public async Task<Instant?> NextDueAsync(Instant now, CancellationToken ct)
    {
        var next = await Items.AsNoTracking().Where(i => i.DoneAt == null).OrderBy(i => i.DueAt).Select(i => (Instant?)i.DueAt).FirstOrDefaultAsync(ct);
        return next;
    }

    private async Task DoAsync(long id, Instant now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var claimed = await Items.Where(i => i.Id == id && i.DoneAt == null).ExecuteUpdateAsync(u => u.SetProperty(i => i.DoneAt, now), ct);
        if (claimed == 0) return;
        var item = await Items.AsNoTracking().SingleAsync(i => i.Id == id, ct);
        var session = await db.Set<CoDevSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == item.SessionId, ct);
        if (session is not null)
        {
            switch (item.Kind)
            {
                case AgendaKind.Reminder: await RemindAsync(item, session, now, ct); break;
                case AgendaKind.OfferExpiry: await bookings.ExpireOfferAsync(item.OfferId!.Value, now, ct); break;
                case AgendaKind.FacilitatorSummary: await SummaryAsync(item, session, ct); break;
                case AgendaKind.GuideStart:
                    await run.StartGuideAsync(session.Id, ct);
                    // Cards posted in channels stop offering « Réserver » once the session has started.
                    await notifier.RefreshPostsAsync(session.Id, now, ct, "debut");
                    break;
                case AgendaKind.FollowUp: await FollowUpAsync(session, ct); break;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task RemindAsync(SessionAgendaItem item, CoDevSession session, Instant now, CancellationToken ct)
    {
        var booking = await db.Set<Booking>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == item.BookingId, ct);
        if (booking is not { Status: BookingStatus.Confirmed } || session.Status != SessionStatus.Open) return;
        if (now >= session.Start || now - item.DueAt > ReminderGrace)
        {
            logger.LogWarning("Sessions : rappel {Key} abandonné, trop tard ({Late})", item.Key, now - item.DueAt);
            return;
        }
        var zone = await notifier.ZoneOfAsync(booking.MemberId, ct);
        var previousPlan = await run.PreviousPlanAsync(booking.MemberId, session, ct);
        var link = notifier.CalendarLink(booking.Id);
        await notifier.ToMemberAsync(booking.MemberId, SessionCards.Reminder(session, booking, item.Label ?? "", zone, previousPlan, link), item.Key, ct);
    }

    /// <summary>The day before: who comes, who is client and with which problem, who waits.</summary>
    private async Task SummaryAsync(SessionAgendaItem item, CoDevSession session, CancellationToken ct)
    {
        if (session.Status != SessionStatus.Open || session.FacilitatorMemberId is not { } facilitator) return;
        var rows = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.SessionId == session.Id && b.Status != BookingStatus.Cancelled)
            .Join(db.Members.AsNoTracking(), b => b.MemberId, m => m.Id, (b, m) => new { b.Status, b.Role, b.Problem, m.DisplayName, m.TimeZoneId, b.MemberId })
            .ToListAsync(ct);
        var profiles = await db.Set<SessionProfile>().AsNoTracking().Where(p => rows.Select(r => r.MemberId).Contains(p.MemberId)).ToDictionaryAsync(p => p.MemberId, ct);
        var confirmed = rows.Where(r => r.Status == BookingStatus.Confirmed).OrderBy(r => r.Role).ThenBy(r => r.DisplayName).ToList();
        var zone = await notifier.ZoneOfAsync(facilitator, ct);
        var sections = new List<CardSection>
        {
            new("Participants", confirmed.Count == 0 ? "Personne n'est inscrit." : string.Join("\n", confirmed.Select(r =>
                $"- {UserText.Escape(r.DisplayName)}{(r.Role == BookingRole.Client ? " (client)" : "")}"
                + (profiles.TryGetValue(r.MemberId, out var p) && p.Organisation is { } o ? $" — {UserText.Escape(o)}" : "")
                + $" — {ZoneNames.For(r.TimeZoneId).Label}"))),
        };
        foreach (var client in confirmed.Where(r => r.Role == BookingRole.Client))
            sections.Add(new($"Problème de {UserText.Escape(client.DisplayName)}", string.IsNullOrWhiteSpace(client.Problem) ? "(pas encore écrit)" : UserText.Escape(client.Problem)));
        var waiting = rows.Count(r => r.Status is BookingStatus.Waitlisted or BookingStatus.Offered);
        if (confirmed.Count < session.CapacityMin)
            sections.Add(new(null, $"Attention : {FrenchCount.Of(confirmed.Count, "inscrit")} pour un minimum de {session.CapacityMin}."));
        await notifier.ToMemberAsync(facilitator, Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Demain : « {session.Title} »",
            Subtitle = FrenchDates.SessionWhen(session.Start, SessionCards.ZoneOf(session), zone),
            Facts = [new("Inscrits", confirmed.Count.ToString(CultureInfo.InvariantCulture)), new("En attente", waiting.ToString(CultureInfo.InvariantCulture))],
            Sections = sections,
            Choices = [new Choice("Participants", SessionCards.Value("participants", session.Id)).Doing(new ListParticipants(session.Id)), new Choice("Écrire aux participants", SessionCards.Value("message aux participants", session.Id)).Doing(new MessageParticipants(session.Id))],
        }), item.Key, ct);
    }

    /// <summary>At the end: the pairs who met, the client's action plan, one question to every participant.</summary>
    private async Task FollowUpAsync(CoDevSession session, CancellationToken ct)
    {
        if (session.Status != SessionStatus.Open) return;
        await db.Set<CoDevSession>().Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.GuideStep, Rules.CoDevMethod.Finished), ct);
        await run.RecordPairsAsync(session.Id, ct);
        var participants = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Confirmed && b.Attended != false).ToListAsync(ct);
        foreach (var b in participants)
        {
            if (b.Role == BookingRole.Client)
                await notifier.ToMemberAsync(b.MemberId, SessionCards.ClientFollowUp(session, b.ActionPlan), $"followup:{session.Id}:{b.MemberId}", ct);
            await notifier.ToMemberAsync(b.MemberId, SessionCards.Feedback(session), $"feedback:{session.Id}:{b.MemberId}", ct);
        }
    }
}
