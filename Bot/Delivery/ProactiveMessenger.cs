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
/// caused it is committed. Delivery (rate limits, retries, order per conversation, opening a 1:1) happens later,
/// in <see cref="OutboxSender"/>. With several replies, the i-th (from the second) gets the key <c>{key}#{i}</c>
/// (e.g. <c>digest:2026-12:42#2</c>).
/// </para>
/// </summary>
public sealed class ProactiveMessenger(OutboxWriter outbox, BotDbContext db)
{
    /// <summary>Sends to a stored conversation (a Teams channel, a Slack channel, a 1:1 chat). False when the key was used.</summary>
    public async Task<bool> SendToConversationAsync(long conversationId, IReadOnlyList<Reply> replies, string idempotencyKey, CancellationToken ct)
    {
        var channel = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.Channel).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Conversation {conversationId} inconnue");
        return await outbox.SendAsync(OutboxDestination.Conversation(channel, conversationId), replies, idempotencyKey, null, ct);
    }

    /// <summary>Sends to the member's 1:1 conversation, opened by the sender if needed. False when the key was used.</summary>
    public async Task<bool> SendToMemberAsync(long memberId, IReadOnlyList<Reply> replies, string idempotencyKey, CancellationToken ct) =>
        await outbox.SendAsync(await OutboxDestinations.MemberAsync(db, memberId, ct) ?? throw new InvalidOperationException($"Membre {memberId} inconnu"),
            replies, idempotencyKey, null, ct);

    /// <summary>Replaces the message sent earlier with key <paramref name="sentKey"/> (Teams updateActivity, Slack chat.update).</summary>
    public async Task<bool> UpdateAsync(string sentKey, Reply reply, string idempotencyKey, CancellationToken ct) =>
        await outbox.UpdateAsync(await OriginalAsync(sentKey, ct), reply, idempotencyKey, ct);

    /// <summary>Deletes the message sent earlier with key <paramref name="sentKey"/>.</summary>
    public async Task<bool> DeleteAsync(string sentKey, string idempotencyKey, CancellationToken ct) =>
        await outbox.DeleteAsync(await OriginalAsync(sentKey, ct), idempotencyKey, ct);

    private async Task<OutboxMessage> OriginalAsync(string sentKey, CancellationToken ct) =>
        await outbox.FindAsync(sentKey, ct) is { Operation: OutboxOperation.Send } original
            ? original
            : throw new InvalidOperationException($"Aucun message envoyé sous la clé « {sentKey} »");
}
