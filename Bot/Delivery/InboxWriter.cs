using System.Diagnostics;
using Communaute.Bot.Operations;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>What a channel adapter asks the inbox to keep.</summary>
public sealed record InboxEntry(string Channel, string Kind, string? DedupeKey, string PayloadJson, string ConversationKey);

/// <summary>
/// Stores what channels send before it is acknowledged, through <see cref="GroupCommit"/>: requests arriving together
/// share one transaction, so under load an acknowledgement waits for one short write. Each row is an
/// INSERT … ON CONFLICT ("DedupeKey") DO NOTHING, so a redelivery (same channel id) is recognised on every instance.
/// </summary>
public sealed class InboxWriter(GroupCommit writes, TimeProvider clock, DeliverySignal signal, ILogger<InboxWriter> logger)
{
    /// <summary>True when stored, false when its dedupe key was already there (a redelivery). Throws when it could not be stored.</summary>
    public async Task<bool> StoreAsync(InboxEntry entry, CancellationToken ct)
    {
        // Read here: the write runs on the batch's flow.
        var request = Activity.Current;
        var traceParent = request is { IdFormat: ActivityIdFormat.W3C } ? request.Id : null;
        var key = entry.DedupeKey is null ? null : DeliveryKeys.Bounded(entry.DedupeKey);
        var conversation = DeliveryKeys.Bounded(entry.ConversationKey);
        long? id = null;
        await writes.RunAsync(async (db, c) =>
        {
            var now = clock.GetCurrentInstant().ToUnixTimeTicks();
            var pending = nameof(InboxState.Pending);
            // Nothing returned: the dedupe key was there already.
            var ids = await db.Database.SqlQuery<long>($"""
                INSERT INTO "Inbox" ("Channel", "Kind", "DedupeKey", "PayloadJson", "ConversationKey", "ReceivedAt", "State", "Attempts", "NextAttemptAt", "TraceParent")
                VALUES ({entry.Channel}, {entry.Kind}, {key}, {entry.PayloadJson}, {conversation}, {now}, {pending}, 0, {now}, {traceParent})
                ON CONFLICT ("DedupeKey") DO NOTHING
                RETURNING "Id" AS "Value"
                """).ToListAsync(c);
            id = ids.Count > 0 ? ids[0] : null;
            return ids.Count;
        }, ct);
        if (id is { } stored)
        {
            request?.SetTag(BotTracing.InboxIdTag, stored);
            signal.InboxChanged();
            return true;
        }
        logger.LogInformation("Inbox : {Key} déjà reçu, ignoré (nouvel envoi du canal)", key);
        return false;
    }
}
