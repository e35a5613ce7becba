using Communaute.Bot.Channels;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Delivery;

/// <summary>
/// The proactive API: messages the bot sends on its own (reminders, offers, digests, "your question has an answer"),
/// to a member's 1:1 conversation or to a stored conversation, and updates or deletions of what it sent earlier.
/// Every call carries an idempotency key chosen by the caller (e.g. <c>reminder:{booking}:J-2</c>): a key already
/// used writes nothing and returns false, so a job that runs twice sends once.
/// <para>
/// Contract for features: the message is written to the outbox through the scoped <see cref="BotDbContext"/>, inside
/// the transaction the caller opened on it (if any), so the message exists exactly when the state change that
/// caused it is committed. Delivery (rate limits, retries, order per conversation, opening a 1:1) happens later.
/// With several replies, the i-th (from the second) gets the key <c>{key}#{i}</c> (e.g. <c>digest:2026-12:42#2</c>).
/// </para>
/// </summary>
public sealed class ProactiveMessenger(IEnumerable<IChannelConnector> connectors, BotDbContext db, UsedIdempotencyKeys usedKeys, ILogger<ProactiveMessenger> logger)
{

    /// <summary>Sends to a stored conversation (a Teams channel, a Slack channel, a 1:1 chat). False when the key was used.</summary>
    public async Task<bool> SendToConversationAsync(long conversationId, IReadOnlyList<Reply> replies, string idempotencyKey, CancellationToken ct)
    {
        if (!Claim(idempotencyKey)) return false;
        try
        {
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
                ?? throw new InvalidOperationException($"Conversation {conversationId} inconnue");
            await Connector(conversation.Channel).SendAsync(conversation, replies, ct);
            return true;
        }
        catch
        {
            // Nothing was sent: the caller's retry may use the key again (as with the outbox, where its transaction rolls back).
            Release(idempotencyKey);
            throw;
        }
    }

    /// <summary>Sends to the member's 1:1 conversation, opened if needed. False when the key was used.</summary>
    public async Task<bool> SendToMemberAsync(long memberId, IReadOnlyList<Reply> replies, string idempotencyKey, CancellationToken ct)
    {
        if (!Claim(idempotencyKey)) return false;
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, ct)
            ?? throw new InvalidOperationException($"Membre {memberId} inconnu");
        var conversation = await db.Conversations
            .Where(c => c.DirectMemberId == memberId && c.Channel == member.Channel)
            .OrderByDescending(c => c.LastActivityAt)
            .FirstOrDefaultAsync(ct);
        var connector = Connector(member.Channel);
        conversation ??= await connector.OpenDirectAsync(member, ct);
        if (conversation is null)
        {
            logger.LogWarning("Impossible de joindre le membre {Member} sur {Channel} : pas de conversation directe", memberId, member.Channel);
            return true;
        }
        await connector.SendAsync(conversation, replies, ct);
        return true;
    }

    /// <summary>Replaces the message sent earlier with key <paramref name="sentKey"/> (Teams updateActivity, Slack chat.update).</summary>
    public Task<bool> UpdateAsync(string sentKey, Reply reply, string idempotencyKey, CancellationToken ct) =>
        throw new NotImplementedException("arrive avec l'outbox (issue 8)");

    /// <summary>Deletes the message sent earlier with key <paramref name="sentKey"/>.</summary>
    public Task<bool> DeleteAsync(string sentKey, string idempotencyKey, CancellationToken ct) =>
        throw new NotImplementedException("arrive avec l'outbox (issue 8)");

    private bool Claim(string key)
    {
        lock (usedKeys.Keys) return usedKeys.Keys.Add(key);
    }

    private void Release(string key)
    {
        lock (usedKeys.Keys) usedKeys.Keys.Remove(key);
    }

    private IChannelConnector Connector(string channel) =>
        connectors.FirstOrDefault(c => c.Channel == channel)
        ?? throw new InvalidOperationException($"Aucun connecteur pour le canal « {channel} »");
}

/// <summary>Until the outbox lands (issue 8): the keys used by this host, in memory only.</summary>
public sealed class UsedIdempotencyKeys
{
    public HashSet<string> Keys { get; } = [];
}
