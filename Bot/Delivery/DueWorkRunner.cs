using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>Runs every registered <see cref="IDueWork"/> at the clock's current instant, each in its own scope.</summary>
public sealed class DueWorkRunner(IServiceScopeFactory scopes, IClock clock, ILogger<DueWorkRunner> logger)
{
    public async Task RunAllAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var names = scope.ServiceProvider.GetServices<IDueWork>().Select(w => w.Name).ToList();
        foreach (var name in names) await RunAsync(name, ct);
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
}

/// <summary>Until Quartz lands (issue 8): a sweep every 30 seconds, and wake-ups ignored.</summary>
internal sealed class PollingDueWorkScheduler(DueWorkRunner runner, ILogger<PollingDueWorkScheduler> logger) : BackgroundService, IDueWorkScheduler
{
    public Task WakeAtAsync(string workName, Instant at, CancellationToken ct) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await runner.RunAllAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e) { logger.LogError(e, "Travaux planifiés : erreur"); }
            try { await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}

public static class DeliverySetup
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddScoped<ProactiveMessenger>();
        services.AddSingleton<UsedIdempotencyKeys>();
        services.AddSingleton<DueWorkRunner>();
        services.TryAddSingleton<PollingDueWorkScheduler>();
        services.AddSingleton<IDueWorkScheduler>(sp => sp.GetRequiredService<PollingDueWorkScheduler>());
        services.AddHostedService(sp => sp.GetRequiredService<PollingDueWorkScheduler>());
        return services;
    }

    /// <summary>Registers a feature's due work (scoped: it may use the database).</summary>
    public static IServiceCollection AddDueWork<T>(this IServiceCollection services) where T : class, IDueWork
    {
        services.AddScoped<T>();
        services.AddScoped<IDueWork>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
