using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>A channel's reading of its inbox items: the only channel-specific part of the worker.</summary>
public interface IInboxHandler
{
    string Channel { get; }

    /// <summary>What to do for the item: a turn to run and where its replies go, or null when there is nothing to do.</summary>
    /// <param name="services">The scope the turn will run in.</param>
    Task<InboxWork?> PrepareAsync(InboxItem item, IServiceProvider services, CancellationToken ct);
}

/// <summary>The work an inbox item stands for.</summary>
/// <param name="Turn">The turn for the pipeline, if any (a welcome needs none).</param>
/// <param name="ConversationId">Where the replies go when there is no turn.</param>
/// <param name="RouteJson">The channel's addressing of the replies (the message replied to, a thread).</param>
/// <param name="WhileRunning">Runs beside the turn and is cancelled after it (a typing indicator).</param>
/// <param name="BeforeReplies">Writes other messages in the transaction that stores the replies (a welcome, a card update).</param>
public sealed record InboxWork(
    IncomingTurn? Turn,
    long? ConversationId = null,
    string? RouteJson = null,
    Func<CancellationToken, Task>? WhileRunning = null,
    Func<TurnContext?, OutboxWriter, IServiceProvider, CancellationToken, Task>? BeforeReplies = null);

/// <summary>
/// Turns inbox items into turns: conversation by conversation in order, many conversations at once, across instances
/// (a lease per conversation). The replies go to the outbox in the same transaction that marks the item handled, and
/// only if it was still waiting: an item is answered once even if two instances, a crash or a redelivery get in the
/// way. A failing item is retried with backoff and parked after <see cref="DeliveryOptions.InboxMaxAttempts"/>,
/// without holding up other conversations.
/// </summary>
public sealed class InboxWorker : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IClock _clock;
    private readonly DeliveryOptions _options;
    private readonly DeliverySignal _signal;
    private readonly TurnPipeline _pipeline;
    private readonly ILogger<InboxWorker> _logger;
    private readonly ConversationQueues _queues;

    public InboxWorker(IServiceScopeFactory scopes, IClock clock, IOptions<DeliveryOptions> options, DeliverySignal signal,
        TurnPipeline pipeline, LeaseStore leases, ILogger<InboxWorker> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _signal = signal;
        _pipeline = pipeline;
        _logger = logger;
        _queues = new ConversationQueues("Inbox", "in:", leases, Math.Max(1, _options.InboxParallelism), logger,
            DueConversationsAsync, ProcessConversationAsync, signal.InboxChanged, signal.WaitInboxAsync);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.ProcessInbox)
        {
            _logger.LogWarning("Inbox : traitement désactivé dans cette instance (Delivery:ProcessInbox=false)");
            return;
        }
        await _queues.RunAsync(_options.PollInterval, stoppingToken);
    }

    /// <summary>Handles everything due now and returns when nothing due is left (tests).</summary>
    public Task DrainAsync(CancellationToken ct = default) => _queues.DrainAsync(ct);

    /// <summary>Waits until the item with this dedupe key is handled (a Teams invoke waits for its answer); false on timeout.</summary>
    public async Task<bool> WaitHandledAsync(string dedupeKey, TimeSpan timeout, CancellationToken ct)
    {
        var key = DeliveryKeys.Bounded(dedupeKey);
        var until = DateTime.UtcNow + timeout;
        _signal.InboxChanged();
        while (DateTime.UtcNow < until)
        {
            await using (var scope = _scopes.CreateAsyncScope())
            {
                var state = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<InboxItem>().AsNoTracking()
                    .Where(i => i.DedupeKey == key).Select(i => (InboxState?)i.State).FirstOrDefaultAsync(ct);
                if (state is not null and not InboxState.Pending) return true;
            }
            await Task.Delay(15, ct);
        }
        return false;
    }

    private async Task<IReadOnlyList<string>> DueConversationsAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = _clock.GetCurrentInstant();
        var inbox = db.Set<InboxItem>();
        return await inbox
            .Where(i => i.State == InboxState.Pending && i.NextAttemptAt <= now
                        && !inbox.Any(p => p.ConversationKey == i.ConversationKey && p.State == InboxState.Pending && p.Id < i.Id))
            .OrderBy(i => i.Id)
            .Select(i => i.ConversationKey)
            .Take(200)
            .ToListAsync(ct);
    }

    private async Task ProcessConversationAsync(string key, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
            if (!await ProcessHeadAsync(key, ct)) return;
    }

    /// <summary>
    /// Handles the conversation's first waiting item, if it is due (only the holder of the conversation's lease asks);
    /// true when it left the queue (handled, ignored or parked).
    /// </summary>
    private async Task<bool> ProcessHeadAsync(string key, CancellationToken ct)
    {
        InboxItem? item = null;
        try
        {
            await using var turnScope = _scopes.CreateAsyncScope();
            var turnDb = turnScope.ServiceProvider.GetRequiredService<BotDbContext>();
            // One connection for the turn: on SQLite each opening costs its settings.
            await turnDb.Database.OpenConnectionAsync(ct);
            item = await turnDb.Set<InboxItem>().AsNoTracking()
                .Where(i => i.ConversationKey == key && i.State == InboxState.Pending)
                .OrderBy(i => i.Id)
                .FirstOrDefaultAsync(ct);
            if (item is null || item.NextAttemptAt > _clock.GetCurrentInstant()) return false;
            var id = item.Id;
            var handler = turnScope.ServiceProvider.GetServices<IInboxHandler>().FirstOrDefault(h => h.Channel == item.Channel);
            if (handler is null)
            {
                await FinishAsync(id, InboxState.Failed, $"aucun traitement pour le canal « {item.Channel} »");
                return true;
            }

            var work = await handler.PrepareAsync(item, turnScope.ServiceProvider, ct);
            if (work is null)
            {
                await FinishAsync(id, InboxState.Ignored, null);
                return true;
            }

            TurnContext? context = null;
            if (work.Turn is { } turn)
            {
                using var beside = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var running = work.WhileRunning?.Invoke(beside.Token) ?? Task.CompletedTask;
                try { context = await _pipeline.RunAsync(turn, turnScope.ServiceProvider, ct); }
                finally
                {
                    await beside.CancelAsync();
                    await running;
                }
            }

            // The replies and the item's completion commit together; if another instance completed it meanwhile
            // (this one lost the conversation's lease mid-turn), nothing is written.
            await using var commitScope = _scopes.CreateAsyncScope();
            var services = commitScope.ServiceProvider;
            var db = services.GetRequiredService<BotDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            var outbox = services.GetRequiredService<OutboxWriter>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (work.BeforeReplies is not null) await work.BeforeReplies(context, outbox, services, ct);
            var conversationId = context?.ConversationId ?? work.ConversationId;
            if (context is { Replies.Count: > 0 } && conversationId is { } to)
                await outbox.SendAsync(OutboxDestination.Conversation(item.Channel, to), context.Replies, $"turn:{item.Id}", work.RouteJson, ct);
            var now = _clock.GetCurrentInstant();
            var completed = await db.Set<InboxItem>()
                .Where(i => i.Id == id && i.State == InboxState.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.State, InboxState.Done)
                    .SetProperty(i => i.HandledAt, now)
                    .SetProperty(i => i.LastError, (string?)null), ct);
            if (completed == 0)
            {
                _logger.LogWarning("Inbox : élément {Id} repris par une autre instance entre-temps, réponses abandonnées", id);
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            await transaction.CommitAsync(ct);
            _signal.OutboxChanged();
            return true;
        }
        catch (Exception e) when (item is not null && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            return await FailAsync(item.Id, item, e);
        }
    }

    private async Task<bool> FailAsync(long id, InboxItem? item, Exception e)
    {
        var attempts = (item?.Attempts ?? 0) + 1;
        var reason = OutboxSender.Clip($"{e.GetType().Name} : {e.Message}");
        if (attempts >= _options.InboxMaxAttempts)
        {
            _logger.LogError(e, "Inbox : élément {Id} ({Channel}/{Kind}) mis de côté après {Attempts} essais", id, item?.Channel, item?.Kind, attempts);
            await FinishAsync(id, InboxState.Failed, reason, attempts);
            return true;
        }
        var next = _clock.GetCurrentInstant() + Backoff.Next(attempts, _options.RetryBaseDelay, _options.MaxRetryDelay);
        _logger.LogWarning(e, "Inbox : élément {Id} ({Channel}/{Kind}) en échec, essai {Attempt}/{Max} à {Next}", id, item?.Channel, item?.Kind, attempts + 1, _options.InboxMaxAttempts, next);
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<InboxItem>()
            .Where(i => i.Id == id && i.State == InboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Attempts, attempts)
                .SetProperty(i => i.NextAttemptAt, next)
                .SetProperty(i => i.LastError, reason), CancellationToken.None);
        return false;
    }

    private async Task FinishAsync(long id, InboxState state, string? error, int? attempts = null)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var now = _clock.GetCurrentInstant();
        await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<InboxItem>()
            .Where(i => i.Id == id && i.State == InboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.State, state)
                .SetProperty(i => i.HandledAt, now)
                .SetProperty(i => i.LastError, error)
                .SetProperty(i => i.Attempts, i => attempts ?? i.Attempts), CancellationToken.None);
    }
}
