using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

public enum SubscribeOutcome { Added, AlreadyThere, Reactivated }

/// <summary>The conversations the digest goes to: added from the conversation itself, listed, removed.</summary>
public sealed class DigestTargets(BotDbContext db)
{
    public sealed record Listed(DigestTarget Target, string Label);

    public async Task<SubscribeOutcome> SubscribeAsync(long conversationId, long memberId, Instant now, CancellationToken ct)
    {
        var target = await db.Set<DigestTarget>().FirstOrDefaultAsync(t => t.ConversationId == conversationId, ct);
        if (target is { ParkedAt: null }) return SubscribeOutcome.AlreadyThere;
        if (target is not null)
        {
            target.ParkedAt = null;
            target.ParkedReason = null;
            await db.SaveChangesAsync(ct);
            return SubscribeOutcome.Reactivated;
        }
        db.Set<DigestTarget>().Add(new DigestTarget { ConversationId = conversationId, AddedByMemberId = memberId, AddedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return SubscribeOutcome.Added;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return SubscribeOutcome.AlreadyThere; // the same click twice
        }
    }

    /// <summary>Removes a target (and its postings not sent yet); false when it was not subscribed.</summary>
    public async Task<bool> RemoveAsync(long targetId, CancellationToken ct)
    {
        await db.Set<DigestPosting>().Where(p => p.TargetId == targetId && p.Status == DigestPostingStatus.Pending).ExecuteDeleteAsync(ct);
        return await db.Set<DigestTarget>().Where(t => t.Id == targetId).ExecuteDeleteAsync(ct) > 0;
    }

    public Task<DigestTarget?> ForConversationAsync(long conversationId, CancellationToken ct) =>
        db.Set<DigestTarget>().AsNoTracking().FirstOrDefaultAsync(t => t.ConversationId == conversationId, ct);

    public async Task<List<Listed>> ListAsync(CancellationToken ct)
    {
        var rows = await (from t in db.Set<DigestTarget>()
                          join c in db.Conversations on t.ConversationId equals c.Id
                          orderby t.Id
                          select new { Target = t, Conversation = c }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new Listed(r.Target, Label(r.Conversation))).ToList();
    }

    public static async Task<string> LabelAsync(BotDbContext db, long conversationId, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct) is { } c ? Label(c) : $"la conversation {conversationId}";

    /// <summary>"le canal Slack C0123", "la conversation Teams 19:abc…".</summary>
    public static string Label(Conversation c)
    {
        var channel = c.Channel switch { "msteams" => "Teams", "slack" => "Slack", "webchat" => "de la page web", _ => c.Channel };
        var id = DigestDraftBuilder.Clip(c.ChannelConversationId, 32);
        return c.IsGroup ? $"le canal {channel} {id}" : $"la conversation {channel} {id}";
    }
}
