using Communaute.Bot.Hosting;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Communaute.Bot.Delivery;

public static class DeliverySetup
{
    /// <summary>The inbox, the outbox, the proactive API and the scheduler (Quartz, persistent job store in the bot's database).</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section));
        var options = configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        services.AddSingleton<DeliverySignal>();
        services.TryAddSingleton<ITurnCrashPoint, NoTurnCrashPoint>();
        services.AddSingleton<LeaseStore>();
        services.AddSingleton<ConversationPacer>();

        services.AddHostedService<LeaseRelease>();
        // The routing the worker's turns take is checked before the worker starts: a tie stops the start.
        services.AddHostedService<Pipeline.TurnRouting>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<ProactiveMessenger>();
        // Before the inbox and the outbox: stops after them, so their last writes are committed.
        services.AddSingleton<Storage.GroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<Storage.GroupCommit>());
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddSingleton<TurnWaiters>();
        services.AddSingleton<LocalTurns>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddSingleton<DueWorkRunner>();
        if (options.Scheduler.Enabled) AddQuartzScheduler(services, configuration);
        else services.AddSingleton<IDueWorkScheduler, ManualDueWorkScheduler>();
        services.AddDueWork<DeliveryRetention>();

        services.AddFeature<FailedMessagesFeature>();
        services.AddScoped<IPersonalDataSource, DeliveryPersonalData>();
        return services;
    }

    /// <summary>
    /// Quartz with its ADO.NET job store in the bot's database, whose tables the bot's migrations create: on SQLite
    /// (Microsoft.Data.Sqlite driver, SQLite delegate) one scheduler, not clustered; on PostgreSQL (Npgsql, PostgreSQL
    /// delegate) clustered, each instance with a generated id, so a trigger fires on one instance only.
    /// </summary>
    private static void AddQuartzScheduler(IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "Communaute");
            // No UseTimeProvider: Quartz 4 runs on the container's TimeProvider, the bot's one clock.
            q.UsePersistentStore(store =>
            {
                if (storage.IsPostgres)
                {
                    store.UsePostgres(storage.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
                else store.UseSqlite(StorageSetup.SqliteConnectionString(storage));
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddTransient<DueWorkJob>();
        services.AddSingleton<QuartzDueWorkScheduler>();
        services.AddSingleton<IDueWorkScheduler>(sp => sp.GetRequiredService<QuartzDueWorkScheduler>());
        services.AddHostedService(sp => sp.GetRequiredService<QuartzDueWorkScheduler>());
    }

    /// <summary>Registers a feature's due work (scoped: it may use the database).</summary>
    public static IServiceCollection AddDueWork<T>(this IServiceCollection services) where T : class, IDueWork
    {
        services.AddScoped<T>();
        services.AddScoped<IDueWork>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
