using System.Net;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// Posts approved digests to their targets, exactly once per (period, target): each posting row is claimed by a
/// conditional update and its message handed to the proactive API (key <c>digest:{period}:{targetId}</c>) in the
/// same transaction. A target that fails stays pending and is retried alone; a target the bot was removed from is
/// parked and the facilitators are told. Edits after posting update the posted messages.
/// </summary>
public sealed class DigestPoster(BotDbContext db, ProactiveMessenger messenger, DigestFacilitators facilitators, IOptions<DigestOptions> options, ILogger<DigestPoster> logger)
{
    public static string Key(string period, long targetId) => $"digest:{period}:{targetId}";

    /// <summary>The key of the i-th message (0-based) sent with <paramref name="key"/>, as the proactive API names them.</summary>
    public static string MessageKey(string key, int index) => index == 0 ? key : $"{key}#{index + 1}";

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

        var replies = DigestComposer.Compose(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value);
        var pending = await db.Set<DigestPosting>().AsNoTracking()
            .Where(p => p.DigestId == digest.Id && p.Status == DigestPostingStatus.Pending)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var pause = TimeSpan.FromMilliseconds(options.Value.MinIntervalBetweenTargetsMs);
        for (var i = 0; i < pending.Count; i++)
        {
            if (i > 0 && pause > TimeSpan.Zero) await Task.Delay(pause, ct);
            await PostOneAsync(digest, pending[i], replies, now, ct);
        }

        // Posted once every target is served; with no target at all it waits (a channel may be subscribed in time).
        var left = await db.Set<DigestPosting>().CountAsync(p => p.DigestId == digest.Id && p.Status == DigestPostingStatus.Pending, ct);
        if (left == 0 && await db.Set<DigestPosting>().AnyAsync(p => p.DigestId == digest.Id, ct))
            await db.Set<DigestRecord>()
                .Where(d => d.Id == digest.Id && d.Status == DigestStatus.Approved)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DigestStatus.Posted).SetProperty(d => d.PostedAt, now), ct);
    }

    private async Task PostOneAsync(DigestRecord digest, DigestPosting posting, IReadOnlyList<Reply> replies, Instant now, CancellationToken ct)
    {
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
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
            try
            {
                await messenger.SendToConversationAsync(posting.ConversationId, replies, posting.IdempotencyKey, ct);
                await tx.CommitAsync(ct);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                await RecordFailureAsync(digest, posting, e, now, ct);
            }
        }
    }

    private async Task RecordFailureAsync(DigestRecord digest, DigestPosting posting, Exception e, Instant now, CancellationToken ct)
    {
        var error = DigestDraftBuilder.Clip($"{e.GetType().Name}: {e.Message}", 500);
        var removed = BotWasRemoved(e);
        logger.LogWarning("Digest {Period} : envoi vers la conversation {Conversation} en échec ({Error}){Parked}",
            digest.Period, posting.ConversationId, error, removed ? " — canal mis de côté" : ", nouvel essai plus tard");
        await db.Set<DigestPosting>().Where(p => p.Id == posting.Id && p.Status == DigestPostingStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Attempts, p => p.Attempts + 1)
                .SetProperty(p => p.LastError, error)
                .SetProperty(p => p.Status, removed ? DigestPostingStatus.Parked : DigestPostingStatus.Pending), ct);
        if (!removed) return;
        var parked = await db.Set<DigestTarget>().Where(t => t.Id == posting.TargetId && t.ParkedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ParkedAt, now).SetProperty(t => t.ParkedReason, DigestDraftBuilder.Clip(error, 250)), ct);
        if (parked == 0) return;
        var label = await DigestTargets.LabelAsync(db, posting.ConversationId, ct);
        await facilitators.TellAllAsync(_ =>
        [
            Reply.Say($"Je ne peux plus écrire dans {label} : le bot semble en avoir été retiré. Ce canal est mis de côté et ne reçoit plus " +
                      "le digest. Pour le réactiver, réinvitez le bot puis écrivez « abonner ce canal au digest » depuis ce canal."),
        ], $"digest:{digest.Period}:parked:{posting.TargetId}", ct);
    }

    /// <summary>Errors that say the bot cannot write there any more: retrying would not help.</summary>
    public static bool BotWasRemoved(Exception e) => e switch
    {
        BotConnectorException { Status: HttpStatusCode.Forbidden or HttpStatusCode.NotFound } => true,
        SlackApiException { Error: "channel_not_found" or "not_in_channel" or "is_archived" or "channel_is_archived" or "account_inactive" or "team_access_not_granted" } => true,
        _ => false,
    };

    /// <summary>Brings the posted messages of edited digests up to date (Teams updateActivity, Slack chat.update).</summary>
    public async Task UpdatePostedAsync(Instant now, CancellationToken ct)
    {
        var stale = await (from p in db.Set<DigestPosting>()
                           join d in db.Set<DigestRecord>() on p.DigestId equals d.Id
                           where p.Status == DigestPostingStatus.Sent && p.SentRevision < d.Revision && d.PeriodEndsAt > now
                           select new { Posting = p, Digest = d }).AsNoTracking().ToListAsync(ct);
        foreach (var x in stale) await UpdateOneAsync(x.Digest, x.Posting, ct);
    }

    private async Task UpdateOneAsync(DigestRecord digest, DigestPosting posting, CancellationToken ct)
    {
        var replies = DigestComposer.Compose(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<DigestPosting>()
            .Where(p => p.Id == posting.Id && p.SentRevision < digest.Revision)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SentRevision, digest.Revision).SetProperty(p => p.MessageCount, replies.Count), ct);
        if (claimed == 0) return;
        var revisionKey = $"{posting.IdempotencyKey}:r{digest.Revision}";
        try
        {
            for (var i = 0; i < Math.Max(replies.Count, posting.MessageCount); i++)
            {
                var sent = MessageKey(posting.IdempotencyKey, i);
                if (i < replies.Count && i < posting.MessageCount) await messenger.UpdateAsync(sent, replies[i], MessageKey(revisionKey, i), ct);
                else if (i < replies.Count) await messenger.SendToConversationAsync(posting.ConversationId, [replies[i]], MessageKey(revisionKey, i), ct);
                else await messenger.DeleteAsync(sent, MessageKey(revisionKey, i) + ":suppression", ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            logger.LogWarning("Digest {Period} : mise à jour des messages publiés dans la conversation {Conversation} impossible pour l'instant ({Error})",
                digest.Period, posting.ConversationId, e.Message);
            await db.Set<DigestPosting>().Where(p => p.Id == posting.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastError, DigestDraftBuilder.Clip("mise à jour : " + e.Message, 500)), ct);
        }
    }
}
