using System.Collections.Concurrent;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Works the per-conversation queues of the inbox or the outbox: each conversation whose first waiting item is due
/// is taken (a lease in the database) and worked in its own task, at most <c>parallelism</c> at once, so a slow or
/// failing conversation never holds up the others, and two instances never work the same conversation.
/// </summary>
internal sealed class ConversationQueues(string leasePrefix, LeaseStore leases, int parallelism, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Task> _active = new();
    private readonly SemaphoreSlim _starting = new(1, 1);

    public int Active => _active.Count;

    /// <summary>Starts a task for each due conversation not worked yet (as many as allowed); returns how many started.</summary>
    public async Task<int> StartAsync(IReadOnlyList<string> due, Func<string, CancellationToken, Task> work, Action done, CancellationToken stop)
    {
        var started = 0;
        await _starting.WaitAsync(stop);
        try
        {
            foreach (var key in due)
            {
                if (_active.Count >= parallelism) break;
                if (_active.ContainsKey(key)) continue;
                var lease = await leases.TryAcquireAsync(leasePrefix + key, stop);
                if (lease is null) continue;
                var run = new TaskCompletionSource();
                _active[key] = run.Task;
                started++;
                _ = RunAsync(key, lease, work, done, run, stop);
            }
        }
        finally { _starting.Release(); }
        return started;
    }

    public Task WhenAllAsync() => Task.WhenAll(_active.Values.ToArray());

    public Task WhenAnyAsync(TimeSpan timeout) =>
        _active.IsEmpty ? Task.Delay(timeout) : Task.WhenAny(Task.WhenAny(_active.Values.ToArray()), Task.Delay(timeout));

    private async Task RunAsync(string key, LeaseStore.Lease lease, Func<string, CancellationToken, Task> work, Action done, TaskCompletionSource run, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, lease.Lost);
            await work(key, both.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested || lease.Lost.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "Conversation {Key} : erreur inattendue", key);
        }
        finally
        {
            await lease.DisposeAsync();
            _active.TryRemove(key, out _);
            run.TrySetResult();
            done();
        }
    }
}
