using System.Collections.Concurrent;

namespace Communaute.Bot.Delivery;

/// <summary>What an in-process turn produced: its replies, and where each was delivered (the page's transcript ids).</summary>
public sealed record LocalTurnAnswer(long InboxItemId, IReadOnlyList<Communaute.Dialogs.Replies.Reply> Replies, IReadOnlyList<string?> DeliveredIds);

/// <summary>
/// The in-process signal the page, the terminal and the tests wait on for their own turn: one waiter per inbox item
/// (by its dedupe key), completed by the inbox worker once the turn has committed.
/// </summary>
public sealed class TurnWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LocalTurnAnswer>> _waiting = new();

    /// <summary>The waiter for this item (shared by every caller waiting on the same message).</summary>
    public TaskCompletionSource<LocalTurnAnswer> Register(string dedupeKey) =>
        _waiting.GetOrAdd(dedupeKey, _ => new TaskCompletionSource<LocalTurnAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Complete(string? dedupeKey, LocalTurnAnswer answer)
    {
        if (dedupeKey is not null && _waiting.TryRemove(dedupeKey, out var waiter)) waiter.TrySetResult(answer);
    }

    public void Forget(string dedupeKey, TaskCompletionSource<LocalTurnAnswer> waiter) =>
        _waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<LocalTurnAnswer>>(dedupeKey, waiter));
}
