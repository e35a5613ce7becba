using System.Diagnostics;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Operations;

/// <summary>
/// Whether the database answers, as last seen: re-checked at most every <see cref="MaxAge"/>, in the background, so a
/// readiness probe never waits on the database (under load a connection and a round trip cost more than the probe's
/// budget). Only the very first probe, or one after the database stopped being checked, waits for a check.
/// </summary>
public sealed class DatabaseReachability(IServiceScopeFactory scopes)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Beyond this, the last result is too old to answer with: the probe waits for a fresh one.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(40);

    private volatile Result? _last;
    private Task<Result>? _checking;
    private readonly Lock _gate = new();

    private sealed record Result(string State, long At);

    public async Task<string> StateAsync(CancellationToken ct)
    {
        var last = _last;
        var age = last is null ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(last.At);
        if (age < MaxAge) return last!.State;
        var checking = Refresh();
        return age < Stale ? last!.State : (await checking.WaitAsync(ct)).State;
    }

    /// <summary>One check at a time, whoever asks.</summary>
    private Task<Result> Refresh()
    {
        lock (_gate)
        {
            if (_checking is { IsCompleted: false } running) return running;
            return _checking = Task.Run(CheckAsync);
        }
    }

    private async Task<Result> CheckAsync()
    {
        string state;
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            state = await db.Database.CanConnectAsync(timeout.Token) ? "ok" : "injoignable";
        }
        catch (Exception e) when (e is OperationCanceledException or System.Data.Common.DbException or InvalidOperationException)
        {
            state = e is OperationCanceledException ? "trop lente (> 40 ms)" : "injoignable";
        }
        var result = new Result(state, Stopwatch.GetTimestamp());
        _last = result;
        return result;
    }
}
