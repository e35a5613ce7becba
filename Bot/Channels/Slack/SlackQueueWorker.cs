using System.Text.Json.Nodes;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Drains the Slack queue: each item is claimed (so two instances never handle it both), turned into replies once,
/// and its calls sent one by one with progress stored; a failure is retried later from where it stopped.
/// Items of one conversation are handled in order; different conversations in parallel.
/// </summary>
public sealed class SlackQueueWorker(IServiceScopeFactory scopes, IClock clock, IOptions<SlackOptions> options,
    SlackQueueSignal signal, ILogger<SlackQueueWorker> logger) : BackgroundService
{
    private static readonly Duration ClaimTime = Duration.FromMinutes(2);
    private static readonly Duration KeepHandled = Duration.FromDays(7);
    private const int Parallelism = 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !options.Value.ProcessQueue)
        {
            if (options.Value.Enabled) logger.LogWarning("Slack : file d'attente non traitée par cette instance (Slack:ProcessQueue=false)");
            return;
        }
        var lastPurge = TimeProvider.System.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await DueAsync(stoppingToken);
                if (due.Count == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }
                await Parallel.ForEachAsync(due.GroupBy(d => d.ConversationKey),
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    async (group, ct) =>
                    {
                        foreach (var item in group) await ProcessAsync(item.Id, ct);
                    });
                if (TimeProvider.System.GetElapsedTime(lastPurge) > TimeSpan.FromMinutes(10))
                {
                    await PurgeAsync(stoppingToken);
                    lastPurge = TimeProvider.System.GetTimestamp();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogError(e, "Slack : erreur de la file d'attente");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task<List<(long Id, string ConversationKey)>> DueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = clock.GetCurrentInstant();
        var rows = await db.Set<SlackInboxItem>()
            .Where(i => i.State == SlackInboxState.Pending && i.NextAttemptAt <= now && (i.ClaimedUntil == null || i.ClaimedUntil < now))
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.ConversationKey })
            .Take(100)
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, r.ConversationKey)).ToList();
    }

    /// <summary>Handles one item if this instance can claim it.</summary>
    public async Task ProcessAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BotDbContext>();
        var now = clock.GetCurrentInstant();
        var until = now + ClaimTime;
        var claimed = await db.Set<SlackInboxItem>()
            .Where(i => i.Id == id && i.State == SlackInboxState.Pending && (i.ClaimedUntil == null || i.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedUntil, until), ct);
        if (claimed == 0) return;
        var item = await db.Set<SlackInboxItem>().SingleAsync(i => i.Id == id, ct);
        try
        {
            if (item.OutboxJson is null)
            {
                var outbox = await services.GetRequiredService<SlackTurnProcessor>().BuildOutboxAsync(item, ct);
                if (outbox is null)
                {
                    Finish(item, SlackInboxState.Ignored);
                    await db.SaveChangesAsync(CancellationToken.None);
                    return;
                }
                item.OutboxJson = new JsonArray(outbox.Select(c => (JsonNode)c).ToArray()).ToJsonString();
                await db.SaveChangesAsync(CancellationToken.None);
            }
            var calls = JsonNode.Parse(item.OutboxJson)!.AsArray();
            var api = services.GetRequiredService<SlackApiClient>();
            for (var i = item.SentCount; i < calls.Count; i++)
            {
                try
                {
                    await SlackOutbox.SendAsync(api, (JsonObject)calls[i]!, ct);
                }
                catch (SlackApiException e) when (!e.Retryable)
                {
                    // Trying again would fail the same way (channel_not_found, invalid_blocks, expired_url…): keep the others going.
                    logger.LogError("Slack : {Method} refusé pour l'élément {Id} ({Error}), message abandonné", e.Method, id, e.Error);
                    item.LastError = Clip($"{e.Method}: {e.Error}");
                }
                item.SentCount = i + 1;
                if (item.SentCount == calls.Count) Finish(item, SlackInboxState.Done);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            if (item.State != SlackInboxState.Done)
            {
                Finish(item, SlackInboxState.Done);
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            item.ClaimedUntil = null;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            item.Attempts++;
            item.LastError = Clip(e is SlackApiException s ? $"{s.Method}: {s.Error}" : e.Message);
            item.ClaimedUntil = null;
            if (item.Attempts >= options.Value.MaxAttempts)
            {
                item.State = SlackInboxState.Failed;
                logger.LogError(e, "Slack : élément {Id} ({Kind}) abandonné après {Attempts} essais : {Error}", id, item.Kind, item.Attempts, item.LastError);
            }
            else
            {
                item.NextAttemptAt = clock.GetCurrentInstant() + Duration.FromSeconds(Math.Pow(2, item.Attempts));
                logger.LogWarning("Slack : élément {Id} ({Kind}) en échec ({Error}), nouvel essai n°{Attempt} plus tard ({Sent} message(s) déjà envoyé(s))",
                    id, item.Kind, item.LastError, item.Attempts + 1, item.SentCount);
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private static void Finish(SlackInboxItem item, SlackInboxState state)
    {
        item.State = state;
        item.ClaimedUntil = null;
    }

    private async Task PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var before = clock.GetCurrentInstant() - KeepHandled;
        var removed = await db.Set<SlackInboxItem>()
            .Where(i => i.State != SlackInboxState.Pending && i.ReceivedAt < before)
            .ExecuteDeleteAsync(ct);
        var formsBefore = clock.GetCurrentInstant() - Duration.FromDays(60);
        await db.Set<SlackForm>().Where(f => f.CreatedAt < formsBefore).ExecuteDeleteAsync(ct);
        if (removed > 0) logger.LogInformation("Slack : {Count} élément(s) traité(s) purgé(s) de la file", removed);
    }

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];
}
