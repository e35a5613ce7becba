using System.Collections.Concurrent;
using System.Diagnostics;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Works the per-conversation queues of the inbox or the outbox: each conversation whose first waiting item is due
/// is taken (a lease in the database) and worked in its own task, at most <c>parallelism</c> at once, so a slow or
/// failing conversation never holds up the others, and two instances never work the same conversation.
/// </summary>
/// <param name="what">"Inbox" or "Outbox", for the logs.</param>
/// <param name="findDue">The conversations whose first waiting item is due.</param>
/// <param name="work">Works one conversation's queue, holding its lease.</param>
/// <param name="changed">Wakes the loop (a conversation was given up: there may be more to do).</param>
/// <param name="wait">Waits for a wake-up or the poll interval.</param>
internal sealed class ConversationQueues(
    string what,
    string leasePrefix,
    LeaseStore leases,
    int parallelism,
    ILogger logger,
    Func<CancellationToken, Task<IReadOnlyList<string>>> findDue,
    Func<string, CancellationToken, Task> work,
    Action changed,
    Func<TimeSpan, CancellationToken, Task> wait)
{
    private readonly ConcurrentDictionary<string, Task> _active = new();
    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>The loop of the hosted service: start what is due, wait for a wake-up or the poll interval, again.</summary>
    public async Task RunAsync(TimeSpan poll, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await StartAsync(await findDue(stop), changed, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogError(e, "{What} : erreur de lecture de la file", what);
            }
            await wait(poll, stop);
        }
        await Task.WhenAll(_active.Values.ToArray());
    }

    /// <summary>Works everything due now and returns when nothing due is left (tests; a host that does not listen).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp(); // real time: the bot's clock may stand still (tests)
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            var due = await findDue(ct);
            if (due.Count == 0 && _active.IsEmpty) return;
            await StartAsync(due, () => { }, ct);
            var running = _active.Values.ToArray();
            await (running.Length == 0 ? Task.Delay(20, ct) : Task.WhenAny(Task.WhenAny(running), Task.Delay(20, ct)));
        }
        throw new TimeoutException($"{what} : il reste du travail après 60 s");
    }

    /// <summary>Starts a task for each due conversation not worked yet (as many as allowed).</summary>
    private async Task StartAsync(IReadOnlyList<string> due, Action done, CancellationToken stop)
    {
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
                _ = RunOneAsync(key, lease, done, run, stop);
            }
        }
        finally { _starting.Release(); }
    }

    private async Task RunOneAsync(string key, LeaseStore.Lease lease, Action done, TaskCompletionSource run, CancellationToken stop)
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
            logger.LogError(e, "{What} : conversation {Key}, erreur inattendue", what, key);
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
