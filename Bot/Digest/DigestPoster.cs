using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// Hands approved digests to the outbox, exactly once per (period, target): each posting row is claimed by a
/// conditional update and its messages written to the outbox (key <c>digest:{period}:{targetId}</c>, unique in the
/// database) in the same transaction. Delivery, pacing and retries are the outbox's; a target whose messages the
/// outbox parked is followed up here (<see cref="FollowUpFailuresAsync"/>), and posted again once a facilitator's
/// retry delivered them (<see cref="RecoverRetriedAsync"/>). Edits after posting update the posted messages through
/// the outbox.
/// </summary>
public sealed class DigestPoster(BotDbContext db, ProactiveMessenger messenger, DigestFacilitators facilitators, DigestSessionsRefresh sessionsRefresh,
    ILogger<DigestPoster> logger)
{
    public static string Key(string period, long targetId) => $"digest:{period}:{targetId}";

    /// <summary>The key of the i-th message (0-based) sent with <paramref name="key"/>, as the proactive API names them.</summary>
    public static string MessageKey(string key, int index) => DeliveryKeys.Nth(key, index);

    /// <summary>Writes a pending posting for every active target that has none yet (inside the caller's transaction).</summary>
    public async Task AddPostingsAsync(DigestRecord digest, Instant now, CancellationToken ct)
    {
        var targets = await db.Set<DigestTarget>().AsNoTracking().Where(t => t.ParkedAt == null).ToListAsync(ct);
        var existing = await db.Set<DigestPosting>().Where(p => p.DigestId == digest.Id).Select(p => p.TargetId).ToListAsync(ct);
        foreach (var t in targets.Where(t => !existing.Contains(t.Id)))
            db.Set<DigestPosting>().Add(new DigestPosting
            {
                DigestId = digest.Id, TargetId = t.Id, ConversationId = t.ConversationId,
                IdempotencyKey = Key(digest.Period, t.Id), Status = DigestPostingStatus.Pending, CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Posts every approved digest whose time has come. Safe to run on several hosts at once.</summary>
    public async Task PostDueAsync(Instant now, CancellationToken ct)
    {
        var due = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => d.Status == DigestStatus.Approved && d.ScheduledAt <= now && d.PeriodEndsAt > now)
            .ToListAsync(ct);
        foreach (var digest in due) await PostAsync(digest, now, ct);
    }

    public async Task PostAsync(DigestRecord digest, Instant now, CancellationToken ct)
    {
        // Channels subscribed after the approval get the digest too; two hosts adding the same row: one wins.
        try { await AddPostingsAsync(digest, now, ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); }

        // Before the first channel gets it, the sessions are read again (cancelled, started or full ones leave).
        if (!await db.Set<DigestPosting>().AnyAsync(p => p.DigestId == digest.Id && p.Status != DigestPostingStatus.Pending, ct))
        {
            await sessionsRefresh.RefreshAsync(digest.Id, now, ct);
            digest = await db.Set<DigestRecord>().AsNoTracking().FirstAsync(d => d.Id == digest.Id, ct);
        }
        var replies = DigestComposer.Compose(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value);
        var pending = await db.Set<DigestPosting>().AsNoTracking()
            .Where(p => p.DigestId == digest.Id && p.Status == DigestPostingStatus.Pending)
            .OrderBy(p => p.Id).ToListAsync(ct);
        foreach (var posting in pending) await PostOneAsync(digest, posting, replies, now, ct);

        // Posted once every target is handed to the outbox; with no target at all it waits (a channel may be subscribed in time).
        var left = await db.Set<DigestPosting>().CountAsync(p => p.DigestId == digest.Id && p.Status == DigestPostingStatus.Pending, ct);
        if (left == 0 && await db.Set<DigestPosting>().AnyAsync(p => p.DigestId == digest.Id, ct))
            await db.Set<DigestRecord>()
                .Where(d => d.Id == digest.Id && d.Status == DigestStatus.Approved)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DigestStatus.Posted).SetProperty(d => d.PostedAt, now), ct);
    }

    /// <summary>Claims the posting and writes its messages to the outbox, in one transaction: both happen or neither.</summary>
    private async Task PostOneAsync(DigestRecord digest, DigestPosting posting, IReadOnlyList<Reply> replies, Instant now, CancellationToken ct)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == posting.ConversationId, ct))
        {
            // The conversation was erased: nothing to send to; the facilitators hear of it like any failed target.
            await db.Set<DigestPosting>().Where(p => p.Id == posting.Id && p.Status == DigestPostingStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, DigestPostingStatus.Sent).SetProperty(p => p.SentAt, now), ct);
            await FollowUpAsync(digest, posting, OutboxFailureKind.TargetGone, $"conversation {posting.ConversationId} introuvable (supprimée ?)", now, ct);
            return;
        }
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var claimed = await db.Set<DigestPosting>()
            .Where(p => p.Id == posting.Id && p.Status == DigestPostingStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, DigestPostingStatus.Sent)
                .SetProperty(p => p.SentAt, now)
                .SetProperty(p => p.SentRevision, digest.Revision)
                .SetProperty(p => p.MessageCount, replies.Count)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1)
                .SetProperty(p => p.LastError, (string?)null), ct);
        if (claimed == 0) return; // another host (or run) has it
        await messenger.SendToConversationAsync(posting.ConversationId, replies, posting.IdempotencyKey, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Targets whose digest the outbox gave up on (parked with its kind and reason): recorded on the posting, the target
    /// set aside when the bot can no longer write there (<see cref="OutboxFailureKind.TargetGone"/>), and the
    /// facilitators told — once, in one transaction. The message itself stays in « messages en échec », from where
    /// « réessayer les messages en échec » sends it again.
    /// </summary>
    public async Task FollowUpFailuresAsync(Instant now, CancellationToken ct)
    {
        var failed = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Failed && o.Operation == OutboxOperation.Send && o.IdempotencyKey.StartsWith("digest:"))
            .Select(o => new { o.IdempotencyKey, o.FailureKind, o.LastError })
            .ToListAsync(ct);
        if (failed.Count == 0) return;
        // A digest split in several messages: the target is gone if any of them says so.
        var reasons = failed.GroupBy(f => DigestDeliveries.PostingKeyOf(f.IdempotencyKey))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.FailureKind == OutboxFailureKind.TargetGone).First());
        var keys = reasons.Keys.ToList();
        var postings = await db.Set<DigestPosting>().AsNoTracking()
            .Where(p => p.Status == DigestPostingStatus.Sent && keys.Contains(p.IdempotencyKey))
            .ToListAsync(ct);
        foreach (var posting in postings)
        {
            var digest = await db.Set<DigestRecord>().AsNoTracking().FirstAsync(d => d.Id == posting.DigestId, ct);
            var failure = reasons[posting.IdempotencyKey];
            await FollowUpAsync(digest, posting, failure.FailureKind, failure.LastError ?? "raison inconnue", now, ct);
        }
    }

    private async Task FollowUpAsync(DigestRecord digest, DigestPosting posting, OutboxFailureKind kind, string reason, Instant now, CancellationToken ct)
    {
        var error = DigestDraftBuilder.Clip(reason, 500);
        var gone = kind == OutboxFailureKind.TargetGone;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var claimed = await db.Set<DigestPosting>().Where(p => p.Id == posting.Id && p.Status == DigestPostingStatus.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, DigestPostingStatus.Parked).SetProperty(p => p.LastError, error), ct);
        if (claimed == 0) return;
        logger.LogWarning("Digest {Period} : publication dans la conversation {Conversation} abandonnée par la file d'envoi ({Error}){Parked}",
            digest.Period, posting.ConversationId, error, gone ? " — canal mis de côté" : "");
        var parked = gone && await db.Set<DigestTarget>().Where(t => t.Id == posting.TargetId && t.ParkedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ParkedAt, now).SetProperty(t => t.ParkedReason, DigestDraftBuilder.Clip(error, 250)), ct) > 0;
        var label = await DigestTargets.LabelAsync(db, posting.ConversationId, ct);
        var month = DigestLifecycle.MonthName(digest);
        var text = parked || gone
            ? $"Je ne peux plus écrire dans {label} : le bot semble en avoir été retiré. Ce canal est mis de côté et ne reçoit plus " +
              "le digest. Pour le réactiver, réinvitez le bot puis écrivez « abonner ce canal au digest » depuis ce canal ; " +
              "« réessayer les messages en échec » renverra alors le digest de " + month + "."
            : $"Le digest de {month} n'a pas pu être publié dans {label} ({UserText.Escape(DigestDraftBuilder.Clip(reason, 200))}). " +
              "Tapez « messages en échec » pour le détail, « réessayer les messages en échec » pour le renvoyer.";
        await facilitators.TellAllAsync(_ => [Reply.Say(text)], $"digest:{digest.Period}:parked:{posting.TargetId}", ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Postings set aside whose messages a facilitator sent again (« réessayer les messages en échec ») and the outbox
    /// delivered: posted again, so that later edits update them (the outbox rows keep their platform ids). A posting
    /// whose messages failed again stays set aside, without a second notice.
    /// </summary>
    public async Task RecoverRetriedAsync(CancellationToken ct)
    {
        // Only postings whose first message went out are candidates: one indexed join, empty unless a retry succeeded.
        var candidates = await (from p in db.Set<DigestPosting>()
                                join o in db.Set<OutboxMessage>() on p.IdempotencyKey equals o.IdempotencyKey
                                where p.Status == DigestPostingStatus.Parked && o.Status == OutboxStatus.Sent
                                select new { p.Id, p.IdempotencyKey, p.MessageCount }).AsNoTracking().ToListAsync(ct);
        foreach (var c in candidates)
        {
            var parts = Enumerable.Range(0, Math.Max(1, c.MessageCount)).Select(i => MessageKey(c.IdempotencyKey, i)).ToList();
            var sent = await db.Set<OutboxMessage>().CountAsync(o => parts.Contains(o.IdempotencyKey) && o.Status == OutboxStatus.Sent, ct);
            if (sent < parts.Count) continue;
            var recovered = await db.Set<DigestPosting>().Where(p => p.Id == c.Id && p.Status == DigestPostingStatus.Parked)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, DigestPostingStatus.Sent).SetProperty(p => p.LastError, (string?)null), ct);
            if (recovered > 0) logger.LogInformation("Digest : {Key} remis après un nouvel essai, de nouveau publié", c.IdempotencyKey);
        }
    }

    /// <summary>Brings the posted messages of edited digests up to date (Teams updateActivity, Slack chat.update).</summary>
    public async Task UpdatePostedAsync(Instant now, CancellationToken ct)
    {
        await RecoverRetriedAsync(ct);
        var stale = await (from p in db.Set<DigestPosting>()
                           join d in db.Set<DigestRecord>() on p.DigestId equals d.Id
                           where p.Status == DigestPostingStatus.Sent && p.SentRevision < d.Revision && d.PeriodEndsAt > now
                           select new { Posting = p, Digest = d }).AsNoTracking().ToListAsync(ct);
        foreach (var x in stale) await UpdateOneAsync(x.Digest, x.Posting, ct);
    }

    /// <summary>Claims the posting's new revision and writes the updates (and the extra or surplus messages) in one transaction.</summary>
    private async Task UpdateOneAsync(DigestRecord digest, DigestPosting posting, CancellationToken ct)
    {
        var replies = DigestComposer.Compose(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var claimed = await db.Set<DigestPosting>()
            .Where(p => p.Id == posting.Id && p.Status == DigestPostingStatus.Sent && p.SentRevision < digest.Revision)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SentRevision, digest.Revision).SetProperty(p => p.MessageCount, replies.Count), ct);
        if (claimed == 0) return;
        var revisionKey = $"{posting.IdempotencyKey}:r{digest.Revision}";
        for (var i = 0; i < Math.Max(replies.Count, posting.MessageCount); i++)
        {
            var sent = MessageKey(posting.IdempotencyKey, i);
            if (i < replies.Count && i < posting.MessageCount) await messenger.UpdateAsync(sent, replies[i], MessageKey(revisionKey, i), ct);
            // A message more than before goes out under the posting's own key, so that later edits find it.
            else if (i < replies.Count && !await messenger.SendToConversationAsync(posting.ConversationId, [replies[i]], sent, ct))
                await messenger.UpdateAsync(sent, replies[i], MessageKey(revisionKey, i), ct);
            else await messenger.DeleteAsync(sent, MessageKey(revisionKey, i) + ":suppression", ct);
        }
        await tx.CommitAsync(ct);
    }
}
