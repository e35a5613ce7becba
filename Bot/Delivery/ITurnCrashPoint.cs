namespace Communaute.Bot.Delivery;

/// <summary>
/// A test seam at the two places where a process may die with a turn half done: after the turn's effects and outbox
/// rows are written but before they commit, and after the commit but before a message is sent. Production uses
/// <see cref="NoTurnCrashPoint"/>; tests make it throw, or hang until the host stops (a process that died there).
/// </summary>
public interface ITurnCrashPoint
{
    /// <summary>The turn's effects, its outbox rows and its item's completion are written, not committed.</summary>
    Task BeforeCommitAsync(InboxItem item, CancellationToken ct);

    /// <summary>An outbox row is about to be sent (nothing of this attempt recorded yet).</summary>
    Task BeforeSendAsync(OutboxMessage row, CancellationToken ct);
}

/// <summary>Production: nothing happens between a turn's steps.</summary>
public sealed class NoTurnCrashPoint : ITurnCrashPoint
{
    public Task BeforeCommitAsync(InboxItem item, CancellationToken ct) => Task.CompletedTask;
    public Task BeforeSendAsync(OutboxMessage row, CancellationToken ct) => Task.CompletedTask;
}
