using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>Runs every registered <see cref="IDueWork"/> at the clock's current instant, each in its own scope.</summary>
public sealed class DueWorkRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DueWorkRunner> logger)
{
    public async Task RunAllAsync(CancellationToken ct = default)
    {
        foreach (var name in Names()) await RunAsync(name, ct);
    }

    public async Task RunAsync(string name, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var work = scope.ServiceProvider.GetServices<IDueWork>().FirstOrDefault(w => w.Name == name);
        if (work is null)
        {
            logger.LogWarning("Travail planifié inconnu : {Name}", name);
            return;
        }
        await work.RunAsync(clock.GetCurrentInstant(), ct);
    }

    /// <summary>When the work next comes due, as it says (null: unknown).</summary>
    public async Task<Instant?> NextDueAsync(string name, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var work = scope.ServiceProvider.GetServices<IDueWork>().FirstOrDefault(w => w.Name == name);
        return work is null ? null : await work.NextDueAsync(clock.GetCurrentInstant(), ct);
    }

    /// <summary>The names of the registered due works.</summary>
    public IReadOnlyList<string> Names()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetServices<IDueWork>().Select(w => w.Name).Distinct().ToList();
    }
}

/// <summary>When Quartz is off (Delivery:Scheduler:Enabled=false, as in tests): due work runs only when asked through <see cref="DueWorkRunner"/>.</summary>
internal sealed class ManualDueWorkScheduler : IDueWorkScheduler
{
    public Task WakeAtAsync(string workName, Instant at, CancellationToken ct) => Task.CompletedTask;
}
