using Communaute.Bot.Delivery;
using Microsoft.EntityFrameworkCore;
using Communaute.Bot.Storage;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// The digest's time-driven work: build the draft three days before the first working day, remind the facilitators
/// the day before, post at the scheduled time, follow up targets the outbox gave up on, update posted messages after an edit.
/// Idempotent: every step is a conditional write, so Quartz firing twice or two hosts running it change things once.
/// </summary>
public sealed class DigestDueWork(BotDbContext db, DigestLifecycle lifecycle, DigestPoster poster, ILogger<DigestDueWork> logger) : IDueWork
{
    /// <summary>A draft missed while the bot was down is still built this long after the posting day.</summary>
    public static readonly Duration CatchUp = Duration.FromDays(7);
    private static readonly Duration FollowUpAfter = Duration.FromMinutes(1);

    public string Name => DigestLifecycle.WorkName;

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        await StepAsync("brouillons expirés", () => lifecycle.ExpireAsync(now, ct));
        await StepAsync("brouillon", async () =>
        {
            // No channel subscribed: nowhere to post, so no draft to bother the facilitators with.
            if (!await db.Set<DigestTarget>().AnyAsync(t => t.ParkedAt == null, ct)) return;
            var month = DigestCalendar.MonthOf(now);
            foreach (var m in new[] { month, month.PlusMonths(1) })
                if (DigestCalendar.DraftAt(m) <= now && now < DigestCalendar.PostingAt(m) + CatchUp && now < DigestCalendar.EndOf(m))
                    await lifecycle.CreateDraftAsync(m, now, ct);
        });
        await StepAsync("envoi du brouillon", () => lifecycle.NotifyNewDraftsAsync(now, ct));
        await StepAsync("rappel", () => lifecycle.RemindAsync(now, ct));
        await StepAsync("publication", () => poster.PostDueAsync(now, ct));
        await StepAsync("suivi des envois", () => poster.FollowUpFailuresAsync(now, ct));
        await StepAsync("mise à jour", () => poster.UpdatePostedAsync(now, ct));
    }

    public async Task<Instant?> NextDueAsync(Instant now, CancellationToken ct)
    {
        var month = DigestCalendar.MonthOf(now);
        var candidates = new List<Instant> { DigestCalendar.DraftAt(month.PlusMonths(1)) };
        if (DigestCalendar.DraftAt(month) > now) candidates.Add(DigestCalendar.DraftAt(month));
        var open = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => (d.Status == DigestStatus.Draft || d.Status == DigestStatus.Approved) && d.PeriodEndsAt > now)
            .ToListAsync(ct);
        foreach (var d in open)
        {
            if (d.Status == DigestStatus.Approved) candidates.Add(d.ScheduledAt);
            else if (d.ReminderSentAt is null) candidates.Add(d.ScheduledAt - Duration.FromDays(1));
        }
        // While the outbox is still delivering a digest, look again shortly: a target it gives up on is followed up then,
        // and a posting set aside whose messages a facilitator sent again is posted again once they are delivered.
        var outbox = db.Set<OutboxMessage>();
        if (await db.Set<DigestPosting>().AnyAsync(p => p.Status != DigestPostingStatus.Pending
                && outbox.Any(o => o.IdempotencyKey == p.IdempotencyKey && o.Status == OutboxStatus.Pending), ct))
            candidates.Add(now + FollowUpAfter);
        var next = candidates.Where(c => c > now).DefaultIfEmpty(now + FollowUpAfter).Min();
        return next;
    }

    /// <summary>One step failing (a channel down) must not stop the others, nor the other features' due work.</summary>
    private async Task StepAsync(string step, Func<Task> run)
    {
        try { await run(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            logger.LogError(e, "Digest : étape « {Step} » en échec, reprise au prochain passage", step);
        }
    }
}
