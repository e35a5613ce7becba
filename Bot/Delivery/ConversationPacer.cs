using System.Collections.Concurrent;
using System.Diagnostics;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Keeps the messages to one conversation within the platform's limits (a minimum interval and a count per window),
/// in real time (the platforms count real seconds, whatever the bot's clock says: <see cref="Stopwatch"/>). Used by the
/// one task of this instance that holds the conversation's lease.
/// </summary>
public sealed class ConversationPacer
{
    private readonly ConcurrentDictionary<string, Queue<long>> _sent = new();

    public async Task WaitTurnAsync(string conversation, SendPacing pacing, CancellationToken ct)
    {
        var wait = Delay(conversation, pacing);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
    }

    /// <summary>Waits until the next message to the conversation would be allowed (before giving the conversation up).</summary>
    public Task WaitQuietAsync(string conversation, SendPacing pacing, CancellationToken ct) => WaitTurnAsync(conversation, pacing, ct);

    public void Sent(string conversation, SendPacing pacing)
    {
        var queue = _sent.GetOrAdd(conversation, _ => new Queue<long>());
        lock (queue)
        {
            queue.Enqueue(Stopwatch.GetTimestamp());
            var keep = Math.Max(1, pacing.MaxInWindow);
            while (queue.Count > keep) queue.Dequeue();
        }
    }

    public void Forget(string conversation) => _sent.TryRemove(conversation, out _);

    private TimeSpan Delay(string conversation, SendPacing pacing)
    {
        if (!_sent.TryGetValue(conversation, out var queue)) return TimeSpan.Zero;
        lock (queue)
        {
            if (queue.Count == 0) return TimeSpan.Zero;
            var wait = pacing.MinInterval - Stopwatch.GetElapsedTime(queue.Last());
            if (pacing.MaxInWindow > 0 && queue.Count >= pacing.MaxInWindow)
            {
                var windowWait = pacing.Window - Stopwatch.GetElapsedTime(queue.Peek());
                if (windowWait > wait) wait = windowWait;
            }
            return wait;
        }
    }
}
