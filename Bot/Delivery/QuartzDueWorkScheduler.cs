using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Quartz fires the due work: one durable job per <see cref="IDueWork"/> (its name is the job key), with a trigger at
/// its next due instant (computed again after every run and moved earlier by <see cref="WakeAtAsync"/>) and a
/// periodic sweep. Jobs and triggers live in the database (persistent job store), clustered on PostgreSQL: a trigger
/// fires on one instance. Quartz is at-least-once, so the work itself must be idempotent (outbox keys).
/// </summary>
public sealed class QuartzDueWorkScheduler(ISchedulerFactory factory, DueWorkRunner runner, IOptions<DeliveryOptions> options,
    TimeProvider clock, ILogger<QuartzDueWorkScheduler> logger) : IDueWorkScheduler, IHostedService
{
    public const string Group = "due-work";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var name in runner.Names())
        {
            var job = Job(name);
            var sweep = TriggerBuilder.Create(clock)
                .WithIdentity(name + ".sweep", Group)
                .ForJob(job)
                .StartAt(clock.GetUtcNow() + options.Value.Scheduler.SweepInterval)
                .WithSimpleSchedule(s => s.WithInterval(options.Value.Scheduler.SweepInterval).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            // Every instance starting stores the same job and sweep: replacing them is harmless.
            await scheduler.ScheduleJob(job, [sweep], ScheduleJobOptions.Replacing, cancellationToken);
            if (await runner.NextDueAsync(name, cancellationToken) is { } next) await WakeAtAsync(name, next, cancellationToken);
        }
        logger.LogInformation("Travaux planifiés confiés à Quartz : {Names}", string.Join(", ", runner.Names()));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IJobDetail Job(string name) => JobBuilder.Create<DueWorkJob>()
        .WithIdentity(name, Group)
        .WithDescription($"Travail planifié « {name} »")
        .StoreDurably()
        .DisallowConcurrentExecution()
        .Build();

    /// <summary>Moves the work's next run to <paramref name="at"/> when that is earlier than planned.</summary>
    public async Task WakeAtAsync(string workName, Instant at, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var key = new TriggerKey(workName + ".next", Group);
        var when = at.ToDateTimeOffset();
        if (await scheduler.GetTrigger(key, ct) is { } current && current.NextFireTimeUtc is { } planned && planned <= when) return;
        // Woken before StartAsync stored the job (a host built but not started, a turn during start-up): store it now.
        if (!await scheduler.Exists(new JobKey(workName, Group), ct)) await scheduler.AddJob(Job(workName), AddJobOptions.Replacing, ct);
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(key)
            .ForJob(new JobKey(workName, Group))
            .StartAt(when)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, ct);
    }

    /// <summary>After a run: the next trigger at what the work now says (none when it knows of nothing).</summary>
    internal async Task RescheduleAsync(string workName, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var key = new TriggerKey(workName + ".next", Group);
        if (await runner.NextDueAsync(workName, ct) is not { } next)
        {
            await scheduler.UnscheduleJob(key, ct);
            return;
        }
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(key)
            .ForJob(new JobKey(workName, Group))
            .StartAt(next.ToDateTimeOffset())
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, ct);
    }
}

/// <summary>The Quartz job of one due work: run it at the clock's instant, then plan its next run.</summary>
[DisallowConcurrentExecution]
public sealed class DueWorkJob(DueWorkRunner runner, QuartzDueWorkScheduler scheduler, ILogger<DueWorkJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        try
        {
            await runner.RunAsync(name, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Travail planifié {Name} en échec ; il sera repris au prochain passage", name);
        }
        await scheduler.RescheduleAsync(name, cancellationToken);
    }
}
