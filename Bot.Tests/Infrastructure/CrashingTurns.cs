using Communaute.Bot.Delivery;

namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>
/// Stops a turn where a process could die: once the chosen item's effects are written but not committed, or once the
/// chosen outbox row is committed but not sent. "Dying" is hanging there until the host stops: nothing of the turn
/// runs further, its open transaction is rolled back, as after kill -9. Then a new host on the same database goes on.
/// </summary>
public sealed class CrashingTurns : ITurnCrashPoint
{
    private Func<InboxItem, bool>? _beforeCommit;
    private Func<OutboxMessage, bool>? _beforeSend;

    /// <summary>Completed when the process "died".</summary>
    public TaskCompletionSource Died { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CrashingTurns BeforeCommitOf(Func<InboxItem, bool> which)
    {
        _beforeCommit = which;
        return this;
    }

    public CrashingTurns BeforeSendOf(Func<OutboxMessage, bool> which)
    {
        _beforeSend = which;
        return this;
    }

    public Task BeforeCommitAsync(InboxItem item, CancellationToken ct) =>
        _beforeCommit is { } which && which(item) ? DieAsync(ct) : Task.CompletedTask;

    public Task BeforeSendAsync(OutboxMessage row, CancellationToken ct) =>
        _beforeSend is { } which && which(row) ? DieAsync(ct) : Task.CompletedTask;

    /// <summary>Waits until the chosen point was reached.</summary>
    public Task WaitDeadAsync() => Died.Task.WaitAsync(TimeSpan.FromSeconds(20));

    private async Task DieAsync(CancellationToken ct)
    {
        Died.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
    }
}
