using System.Collections.Concurrent;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// Serialises the turns of one member in one conversation inside this process, so a double click
/// is handled after the first click, never beside it. (Across servers, stored dialog state carries a version.)
/// </summary>
public sealed class ConversationLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }
}
