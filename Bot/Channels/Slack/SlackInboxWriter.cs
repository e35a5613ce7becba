using System.Threading.Channels;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Writes acknowledged items to the queue table in batches (group commit): requests arriving together share one
/// transaction, so under load each acknowledgement waits for one short write instead of queueing for the database lock.
/// An acknowledgement is only sent once its item is stored (or known as a duplicate): nothing acknowledged is lost.
/// </summary>
public sealed class SlackInboxWriter(IServiceScopeFactory scopes, SlackQueueSignal signal, ILogger<SlackInboxWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(SlackInboxItem Item, TaskCompletionSource<bool> Stored);

    /// <summary>True when stored, false when the dedupe key was already there (a retry from Slack).</summary>
    public async Task<bool> StoreAsync(SlackInboxItem item, CancellationToken ct)
    {
        var pending = new Pending(item, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _pending.Writer.WriteAsync(pending, ct);
        return await pending.Stored.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await WriteAsync(batch);
                signal.Notify();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Slack : {Count} élément(s) non enregistré(s) dans la file", batch.Count);
                foreach (var p in batch) p.Stored.TrySetException(e);
            }
        }
        while (_pending.Reader.TryRead(out var left)) left.Stored.TrySetCanceled(CancellationToken.None);
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var keys = batch.Select(p => p.Item.DedupeKey).OfType<string>().Distinct().ToList();
        var known = keys.Count == 0 ? [] : (await db.Set<SlackInboxItem>().Where(i => keys.Contains(i.DedupeKey!)).Select(i => i.DedupeKey!).ToListAsync())
            .ToHashSet();
        var toInsert = new List<Pending>();
        foreach (var p in batch)
        {
            if (p.Item.DedupeKey is { } key && !known.Add(key))
            {
                logger.LogInformation("Slack : {Key} déjà reçu, ignoré (nouvel envoi de Slack)", key);
                p.Stored.TrySetResult(false);
                continue;
            }
            toInsert.Add(p);
        }
        if (toInsert.Count == 0) return;
        db.Set<SlackInboxItem>().AddRange(toInsert.Select(p => p.Item));
        try
        {
            await db.SaveChangesAsync();
            foreach (var p in toInsert) p.Stored.TrySetResult(true);
        }
        catch (DbUpdateException)
        {
            // Another instance stored one of these keys meanwhile: store them one by one.
            db.ChangeTracker.Clear();
            foreach (var p in toInsert)
            {
                p.Item.Id = 0;
                db.Set<SlackInboxItem>().Add(p.Item);
                try
                {
                    await db.SaveChangesAsync();
                    p.Stored.TrySetResult(true);
                }
                catch (DbUpdateException) when (p.Item.DedupeKey is not null)
                {
                    logger.LogInformation("Slack : {Key} reçu deux fois en même temps, ignoré", p.Item.DedupeKey);
                    p.Stored.TrySetResult(false);
                }
                db.ChangeTracker.Clear();
            }
        }
    }
}

