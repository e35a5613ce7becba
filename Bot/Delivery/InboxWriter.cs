using System.Diagnostics;
using System.Threading.Channels;
using Communaute.Bot.Operations;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>What a channel adapter asks the inbox to keep.</summary>
public sealed record InboxEntry(string Channel, string Kind, string? DedupeKey, string PayloadJson, string ConversationKey);

/// <summary>
/// Stores what channels send before it is acknowledged, in batches (group commit): requests arriving together share
/// one transaction, so under load an acknowledgement waits for one short write. Each row is an
/// INSERT … ON CONFLICT ("DedupeKey") DO NOTHING, so a redelivery (same channel id) is recognised on every instance.
/// </summary>
public sealed class InboxWriter(IServiceScopeFactory scopes, TimeProvider clock, DeliverySignal signal, ILogger<InboxWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <param name="Request">The request's span (read here: the batch is written on another flow), tagged once stored.</param>
    private sealed record Pending(InboxEntry Entry, TaskCompletionSource<bool> Stored, Activity? Request);

    private volatile bool _running;

    /// <summary>True when stored, false when its dedupe key was already there (a redelivery). Throws when it could not be stored.</summary>
    public async Task<bool> StoreAsync(InboxEntry entry, CancellationToken ct)
    {
        // A host that does not run its services (the terminal, most tests) stores at once.
        var request = Activity.Current;
        if (!_running) return (await WriteAsync([new Pending(entry, new TaskCompletionSource<bool>(), request)]))[0];
        var pending = new Pending(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), request);
        await _pending.Writer.WriteAsync(pending, ct);
        return await pending.Stored.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        _running = true;
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var p)) batch.Add(p);
                try
                {
                    var stored = await WriteAsync(batch);
                    for (var i = 0; i < batch.Count; i++) batch[i].Stored.TrySetResult(stored[i]);
                    signal.InboxChanged();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Inbox : {Count} élément(s) non enregistré(s)", batch.Count);
                    foreach (var p in batch) p.Stored.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        _running = false;
        while (_pending.Reader.TryRead(out var left)) left.Stored.TrySetCanceled(CancellationToken.None);
    }

    private async Task<bool[]> WriteAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = clock.GetCurrentInstant().ToUnixTimeTicks();
        var pending = nameof(InboxState.Pending);
        var stored = new bool[batch.Count];
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            var (e, _, request) = batch[i];
            var traceParent = request is { IdFormat: ActivityIdFormat.W3C } ? request.Id : null;
            var key = e.DedupeKey is null ? null : DeliveryKeys.Bounded(e.DedupeKey);
            var conversation = DeliveryKeys.Bounded(e.ConversationKey);
            // Nothing returned: the dedupe key was there already.
            var ids = await db.Database.SqlQuery<long>($"""
                INSERT INTO "Inbox" ("Channel", "Kind", "DedupeKey", "PayloadJson", "ConversationKey", "ReceivedAt", "State", "Attempts", "NextAttemptAt", "TraceParent")
                VALUES ({e.Channel}, {e.Kind}, {key}, {e.PayloadJson}, {conversation}, {now}, {pending}, 0, {now}, {traceParent})
                ON CONFLICT ("DedupeKey") DO NOTHING
                RETURNING "Id" AS "Value"
                """).ToListAsync();
            stored[i] = ids.Count > 0;
            if (stored[i]) request?.SetTag(BotTracing.InboxIdTag, ids[0]);
            if (!stored[i]) logger.LogInformation("Inbox : {Key} déjà reçu, ignoré (nouvel envoi du canal)", key);
        }
        await transaction.CommitAsync();
        return stored;
    }
}
