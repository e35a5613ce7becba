using System.Diagnostics;
using Communaute.Bot.Delivery;
using Communaute.Knowledge;
using Microsoft.Extensions.Options;
using Quartz;

namespace Communaute.Bot.Operations;

/// <summary>
/// GET /readyz: the instance can serve — database reachable, migrations applied, Quartz running (when this instance
/// schedules), knowledge loaded. 200 with each check, or 503 naming what is not ready. Answers from memory: the
/// database's state is the last background check's (<see cref="DatabaseReachability"/>), the rest is read in place.
/// </summary>
public sealed class ReadinessCheck(DatabaseReachability database, KnowledgeService knowledge, IOptions<DeliveryOptions> delivery, IServiceProvider services)
{
    private IScheduler? _scheduler;

    /// <summary>Set once the start-up migration ran (migrations do not change while the process lives).</summary>
    public bool MigrationsApplied { get; set; }

    public async Task<IResult> AnswerAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var checks = new Dictionary<string, string>
        {
            ["database"] = await database.StateAsync(ct),
            ["migrations"] = MigrationsApplied ? "ok" : "non appliquées",
            ["quartz"] = await QuartzStateAsync(ct),
            ["knowledge"] = knowledge.Current.Entries.Count > 0 ? "ok" : "base vide",
        };
        var ready = checks.Values.All(v => v is "ok" or "désactivé");
        return Results.Json(new
        {
            status = ready ? "ready" : "not ready",
            checks,
            elapsedMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
        }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<string> QuartzStateAsync(CancellationToken ct)
    {
        if (!delivery.Value.Scheduler.Enabled) return "désactivé";
        if (_scheduler is null)
        {
            if (services.GetService<ISchedulerFactory>() is not { } factory) return "absent";
            _scheduler = await factory.GetScheduler(ct);
        }
        return await _scheduler.GetStatus(ct) == SchedulerStatus.Running ? "ok" : "arrêté";
    }
}
