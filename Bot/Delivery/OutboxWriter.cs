using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>Where an outgoing message goes: a stored conversation, or a member whose 1:1 the sender opens.</summary>
public sealed record OutboxDestination(string Channel, long? ConversationId, long? MemberId)
{
    public static OutboxDestination Conversation(string channel, long conversationId) => new(channel, conversationId, null);
    public static OutboxDestination Member(string channel, long memberId) => new(channel, null, memberId);

    public string ConversationKey => ConversationId is { } c ? DeliveryKeys.ForConversation(c) : DeliveryKeys.ForMember(MemberId!.Value);
}

/// <summary>
/// Writes outbox rows through the scoped <see cref="BotDbContext"/>, so they join whatever transaction the caller
/// opened on it. Each row is an INSERT … ON CONFLICT ("IdempotencyKey") DO NOTHING (SQLite and PostgreSQL alike):
/// a key already used writes nothing, even when two instances write it at the same moment.
/// </summary>
public sealed class OutboxWriter(BotDbContext db, TimeProvider clock, DeliverySignal signal)
{
    /// <summary>Writes the replies (keys: key, key#2, key#3…); false when the first key was already used.</summary>
    /// <param name="detached">The conversation itself when the caller erased it (the row then carries what the sender needs).</param>
    public async Task<bool> SendAsync(OutboxDestination to, IReadOnlyList<Reply> replies, string key, string? routeJson, CancellationToken ct,
        ConversationSnapshot? detached = null)
    {
        var snapshot = detached?.ToJson();
        var first = true;
        var written = false;
        for (var i = 0; i < replies.Count; i++)
        {
            var rows = await InsertAsync(DeliveryKeys.Bounded(DeliveryKeys.Nth(key, i)), to.Channel, OutboxOperation.Send, to.ConversationId, to.MemberId,
                to.ConversationKey, routeJson, ReplyJson.Serialize(replies[i]), null, ct, snapshot);
            if (first) written = rows > 0;
            first = false;
            if (!written) break;
        }
        if (written) signal.OutboxChanged();
        return written;
    }

    /// <summary>
    /// Records replies already delivered to a member waiting in this process (the page, the terminal, tests), in the
    /// turn's transaction: rows marked sent, with where each landed (the page's transcript id), so later updates find them
    /// and a second send of the same message returns them.
    /// </summary>
    public async Task RecordDeliveredAsync(OutboxDestination to, IReadOnlyList<Reply> replies, IReadOnlyList<string?> platformIds, string key, CancellationToken ct)
    {
        for (var i = 0; i < replies.Count; i++)
            await InsertAsync(DeliveryKeys.Bounded(DeliveryKeys.Nth(key, i)), to.Channel, OutboxOperation.Send, to.ConversationId, to.MemberId,
                to.ConversationKey, null, ReplyJson.Serialize(replies[i]), null, ct, delivered: (platformIds.Count > i ? platformIds[i] : null) ?? "");
    }

    /// <summary>Replaces the message sent earlier as <paramref name="original"/>; false when the key was already used.</summary>
    public Task<bool> UpdateAsync(OutboxMessage original, Reply reply, string key, CancellationToken ct) =>
        WriteFollowUpAsync(original, OutboxOperation.Update, ReplyJson.Serialize(reply), key, ct);

    /// <summary>Deletes the message sent earlier as <paramref name="original"/>; false when the key was already used.</summary>
    public Task<bool> DeleteAsync(OutboxMessage original, string key, CancellationToken ct) =>
        WriteFollowUpAsync(original, OutboxOperation.Delete, null, key, ct);

    /// <summary>The row written with this key, if any (read in the caller's transaction).</summary>
    public Task<OutboxMessage?> FindAsync(string key, CancellationToken ct)
    {
        var bounded = DeliveryKeys.Bounded(key);
        return db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == bounded, ct);
    }

    private async Task<bool> WriteFollowUpAsync(OutboxMessage original, OutboxOperation operation, string? payload, string key, CancellationToken ct)
    {
        // Same queue as the original: the update never overtakes the message it updates.
        var rows = await InsertAsync(DeliveryKeys.Bounded(key), original.Channel, operation, original.ConversationId, original.MemberId,
            original.ConversationKey, original.RouteJson, payload, original.IdempotencyKey, ct, original.ConversationSnapshotJson);
        if (rows > 0) signal.OutboxChanged();
        return rows > 0;
    }

    private Task<int> InsertAsync(string key, string channel, OutboxOperation operation, long? conversationId, long? memberId,
        string conversationKey, string? route, string? payload, string? targetKey, CancellationToken ct, string? snapshot = null, string? delivered = null)
    {
        var now = clock.GetCurrentInstant().ToUnixTimeTicks();
        var op = operation.ToString();
        // Delivered in process: sent already ("" when the surface has no message id of its own).
        var status = delivered is null ? nameof(OutboxStatus.Pending) : nameof(OutboxStatus.Sent);
        var sentAt = delivered is null ? (long?)null : now;
        var platformId = string.IsNullOrEmpty(delivered) ? null : delivered;
        var traceParent = Operations.BotTracing.CurrentTraceParent();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Outbox" ("IdempotencyKey", "Channel", "Operation", "ConversationId", "MemberId", "ConversationKey", "RouteJson",
                                  "PayloadJson", "TargetKey", "Status", "Attempts", "NextAttemptAt", "PartsSent", "CreatedAt", "ConversationSnapshotJson",
                                  "SentAt", "PlatformMessageId", "TraceParent")
            VALUES ({key}, {channel}, {op}, {conversationId}, {memberId}, {conversationKey}, {route},
                    {payload}, {targetKey}, {status}, 0, {now}, 0, {now}, {snapshot}, {sentAt}, {platformId}, {traceParent})
            ON CONFLICT ("IdempotencyKey") DO NOTHING
            """, ct);
    }
}
