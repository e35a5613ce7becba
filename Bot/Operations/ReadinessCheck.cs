using System.Diagnostics;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Communaute.Bot.Operations;

/// <summary>
/// GET /readyz: the instance can serve — database reachable, migrations applied, Quartz running (when this instance
/// schedules), knowledge loaded. 200 with each check, or 503 naming what is not ready. Cheap: one round trip at most.
/// </summary>
public sealed class ReadinessCheck(IServiceScopeFactory scopes, KnowledgeService knowledge, IOptions<DeliveryOptions> delivery, IServiceProvider services)
{
    /// <summary>Set once the start-up migration ran (migrations do not change while the process lives).</summary>
    public bool MigrationsApplied { get; set; }

    public async Task<IResult> AnswerAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var checks = new Dictionary<string, string>();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(TimeSpan.FromMilliseconds(40));
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
                checks["database"] = await db.Database.CanConnectAsync(timeout.Token) ? "ok" : "injoignable";
            }
            catch (Exception e) when (e is OperationCanceledException or System.Data.Common.DbException or InvalidOperationException)
            {
                checks["database"] = e is OperationCanceledException ? "trop lente (> 40 ms)" : "injoignable";
            }
        }
        checks["migrations"] = MigrationsApplied ? "ok" : "non appliquées";
        checks["quartz"] = await QuartzStateAsync(ct);
        checks["knowledge"] = knowledge.Current.Entries.Count > 0 ? "ok" : "base vide";
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
        if (services.GetService<ISchedulerFactory>() is not { } factory) return "absent";
        var scheduler = await factory.GetScheduler(ct);
        return await scheduler.GetStatus(ct) == SchedulerStatus.Running ? "ok" : "arrêté";
    }
}
