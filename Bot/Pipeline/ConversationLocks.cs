using System.Collections.Concurrent;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// An async lock per key inside this process. The inbox worker holds one per conversation queue, so the background
/// worker and a surface working its own turn (the page, the terminal) never run one conversation's items side by side;
/// across instances the conversation's lease in the database does the same.
/// </summary>
public sealed class ConversationLocks
{
    private readonly ConcurrentDictionary<string, Gate> _locks = new();

    private sealed class Gate
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public int Users;
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        Gate gate;
        lock (_locks)
        {
            gate = _locks.GetOrAdd(key, _ => new Gate());
            gate.Users++;
        }
        try { await gate.Lock.WaitAsync(ct); }
        catch
        {
            Leave(key, gate);
            throw;
        }
        return new Release(this, key, gate);
    }

    /// <summary>Drops the gate once nobody uses it, so the map does not grow with every conversation ever seen.</summary>
    private void Leave(string key, Gate gate)
    {
        lock (_locks)
            if (--gate.Users == 0) _locks.TryRemove(key, out _);
    }

    private sealed class Release(ConversationLocks owner, string key, Gate gate) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            gate.Lock.Release();
            owner.Leave(key, gate);
        }
    }
}
