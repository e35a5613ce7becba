using System.Threading.Channels;

namespace Communaute.Bot.Storage;

/// <summary>
/// Short writes from many flows committed together (group commit): the inbox rows of the requests acknowledged, the
/// outbox's record of an attempt before a platform call and of its outcome after it. Each write is awaited until its transaction commits, so what it
/// records is durable before the caller goes on; under load they share one transaction instead of each taking
/// SQLite's one writer in turn. A batch that fails is rolled back and its writes tried again one by one, so one bad
/// write fails alone.
/// </summary>
public sealed class GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> logger) : BackgroundService
{
    private const int MaxBatch = 128;

    private sealed record Pending(Func<BotDbContext, CancellationToken, Task<int>> Write, TaskCompletionSource<int> Done);

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _running;

    /// <summary>Runs the write in the next batch and returns its result (rows changed) once committed.</summary>
    public async Task<int> RunAsync(Func<BotDbContext, CancellationToken, Task<int>> write, CancellationToken ct)
    {
        var pending = new Pending(write, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        // A host that does not run its services (the terminal, most tests), or one that has stopped, writes at once.
        if (!_running || !_pending.Writer.TryWrite(pending)) return await AloneAsync(write, ct);
        return await pending.Done.Task;
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
                await WriteAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        _running = false;
        // Nothing queued is dropped at shutdown: the queue is closed (a later write goes alone), what it holds is written.
        _pending.Writer.TryComplete();
        batch.Clear();
        while (_pending.Reader.TryRead(out var left)) batch.Add(left);
        foreach (var p in batch) await OneAsync(p);
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        if (batch.Count == 1)
        {
            await OneAsync(batch[0]);
            return;
        }
        var results = new int[batch.Count];
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < batch.Count; i++) results[i] = await batch[i].Write(db, CancellationToken.None);
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Écritures groupées : lot de {Count} annulé ({Error}), chacune est refaite seule", batch.Count, e.Message);
            foreach (var p in batch) await OneAsync(p);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }

    private async Task OneAsync(Pending pending)
    {
        try { pending.Done.TrySetResult(await AloneAsync(pending.Write, CancellationToken.None)); }
        catch (Exception e) { pending.Done.TrySetException(e); }
    }

    private async Task<int> AloneAsync(Func<BotDbContext, CancellationToken, Task<int>> write, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await write(scope.ServiceProvider.GetRequiredService<BotDbContext>(), ct);
    }
}
