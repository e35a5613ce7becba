using System.Diagnostics;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
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
/// <param name="InProcess">The member waits in this process (<see cref="LocalTurns"/>): the replies are delivered there, in the turn's transaction.</param>
/// <param name="PrivateRouteJson">
/// The channel's addressing of a reply only the member sees in this shared conversation (a Slack ephemeral message);
/// null when the channel has none (Teams): the member's private replies then go to their 1:1 conversation.
/// </param>
public sealed record InboxWork(
    IncomingTurn? Turn,
    long? ConversationId = null,
    string? RouteJson = null,
    Func<CancellationToken, Task>? WhileRunning = null,
    Func<TurnContext?, OutboxWriter, IServiceProvider, CancellationToken, Task>? BeforeReplies = null,
    bool InProcess = false,
    string? PrivateRouteJson = null);

/// <summary>
/// Turns inbox items into turns: conversation by conversation in order, many conversations at once, across instances
/// (a lease per conversation, and one worker at a time per conversation in this process). A turn is one unit of work:
/// its effects, its replies in the outbox and the item's completion commit in one transaction, so an item is answered
/// once even if two instances, a crash or a redelivery get in the way. A failing item is tried again at once and, after
/// <see cref="DeliveryOptions.InboxMaxAttempts"/>, parked with its reason and answered with a short apology (the
/// conversation's next messages go on at once); it holds up no other conversation.
/// </summary>
public sealed class InboxWorker : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly DeliveryOptions _options;
    private readonly DeliverySignal _signal;
    private readonly TurnPipeline _pipeline;
    private readonly ILogger<InboxWorker> _logger;
    private readonly ConversationQueues _queues;
    private readonly LeaseStore _leases;
    private readonly TurnWaiters _waiters;
    private readonly ConversationLocks _working = new();

    private const string LeasePrefix = "in:";

    /// <summary>What a member reads when their message could not be handled after every attempt.</summary>
    public const string Apology = "Je n'ai pas pu traiter ce message ; les animateurs sont prévenus.";

    public InboxWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DeliveryOptions> options, DeliverySignal signal,
        TurnPipeline pipeline, LeaseStore leases, TurnWaiters waiters, ILogger<InboxWorker> logger)
    {
        _leases = leases;
        _waiters = waiters;
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _signal = signal;
        _pipeline = pipeline;
        _logger = logger;
        _queues = new ConversationQueues("Inbox", LeasePrefix, leases, Math.Max(1, _options.InboxParallelism), logger,
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
        var started = Stopwatch.GetTimestamp(); // a caller's real wait, not the bot's clock
        _signal.InboxChanged();
        while (Stopwatch.GetElapsedTime(started) < timeout)
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

    /// <summary>
    /// Works the conversation's queue now, from the caller (an in-process surface waiting for its turn): false when
    /// another instance holds the conversation.
    /// </summary>
    public async Task<bool> WorkQueueAsync(string key, CancellationToken ct)
    {
        var lease = await _leases.TryAcquireAsync(LeasePrefix + key, ct);
        if (lease is null) return false;
        await using (lease)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            await ProcessConversationAsync(key, both.Token);
        }
        return true;
    }

    /// <summary>The conversation's items in order, while they are due; one worker per conversation in this process.</summary>
    private async Task ProcessConversationAsync(string key, CancellationToken ct)
    {
        using var _ = await _working.AcquireAsync(key, ct);
        while (!ct.IsCancellationRequested)
            if (!await ProcessHeadAsync(key, ct)) return;
    }

    /// <summary>
    /// Handles the conversation's first waiting item, if it is due (only the holder of the conversation's lease asks);
    /// true when it left the queue (handled, ignored or parked). The turn is one unit of work: its effects, its outbox
    /// rows and the item's completion commit in one transaction, or not at all (a crash before the commit repeats the
    /// whole turn, after it repeats nothing).
    /// </summary>
    private async Task<bool> ProcessHeadAsync(string key, CancellationToken ct)
    {
        InboxItem? item = null;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<BotDbContext>();
            // One connection for the turn: on SQLite each opening costs its settings.
            await db.Database.OpenConnectionAsync(ct);
            item = await db.Set<InboxItem>().AsNoTracking()
                .Where(i => i.ConversationKey == key && i.State == InboxState.Pending)
                .OrderBy(i => i.Id)
                .FirstOrDefaultAsync(ct);
            if (item is null || item.NextAttemptAt > _clock.GetCurrentInstant()) return false;
            var id = item.Id;
            // Current for the rest of the turn: the outbox rows written below carry its trace context.
            using var span = Operations.BotTracing.StartTurn(item);

            await using var transaction = await TurnTransaction.BeginAsync(db, ct);

            var work = await PrepareAsync(item, services, ct);
            if (work is null)
            {
                if (await CompleteAsync(db, item, InboxState.Ignored, null, ct)) await transaction.CommitAsync(ct);
                return true;
            }

            TurnOutcome? outcome = null;
            if (work.Turn is { } turn)
            {
                using var beside = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var running = work.WhileRunning?.Invoke(beside.Token) ?? Task.CompletedTask;
                try
                {
                    outcome = await _pipeline.RunAsync(turn, services, ct);
                    span?.SetTag("communaute.feature", outcome.Feature);
                }
                finally
                {
                    await beside.CancelAsync();
                    await running;
                }
            }

            var context = outcome?.Context;
            if (work.BeforeReplies is not null) await work.BeforeReplies(context, services.GetRequiredService<OutboxWriter>(), services, ct);
            var answer = await WriteRepliesAsync(item, work, outcome?.Conversation, context?.ConversationId ?? work.ConversationId,
                context?.Replies ?? [], context?.Member.Id, services, ct);
            if (!await CompleteAsync(db, item, InboxState.Done, null, ct))
            {
                _logger.LogWarning("Inbox : élément {Id} traité par une autre instance entre-temps, ce tour est annulé", id);
                return true;
            }
            await services.GetRequiredService<ITurnCrashPoint>().BeforeCommitAsync(item, ct);
            await transaction.CommitAsync(ct);
            _signal.OutboxChanged();
            if (item.Kind == LocalTurns.Kind) _waiters.Complete(item.DedupeKey, answer);
            return true;
        }
        catch (Exception e) when (item is not null && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            // The turn's transaction is rolled back (disposed) by now: nothing of this attempt stays.
            return await FailAsync(item, e);
        }
    }

    /// <summary>What the item stands for: a turn of an in-process surface, or the channel's reading of its payload.</summary>
    private static async Task<InboxWork?> PrepareAsync(InboxItem item, IServiceProvider services, CancellationToken ct)
    {
        if (item.Kind == LocalTurns.Kind) return new InboxWork(LocalTurns.Read(item), InProcess: true);
        var handler = services.GetServices<IInboxHandler>().FirstOrDefault(h => h.Channel == item.Channel)
            ?? throw new InvalidOperationException($"aucun traitement pour le canal « {item.Channel} »");
        return await handler.PrepareAsync(item, services, ct);
    }

    /// <summary>
    /// The turn's replies in the outbox, in the turn's transaction: to be sent (Teams, Slack), or delivered here to the
    /// member waiting in this process (the page's transcript) and recorded as sent.
    /// </summary>
    private static async Task<LocalTurnAnswer> WriteRepliesAsync(InboxItem item, InboxWork work, Conversation? conversation, long? conversationId,
        IReadOnlyList<Reply> replies, long? memberId, IServiceProvider services, CancellationToken ct)
    {
        IReadOnlyList<string?> delivered = replies.Select(_ => (string?)null).ToList();
        if (replies.Count == 0 || conversationId is not { } to) return new LocalTurnAnswer(item.Id, replies, delivered);
        var db = services.GetRequiredService<BotDbContext>();
        var outbox = services.GetRequiredService<OutboxWriter>();
        var destination = OutboxDestination.Conversation(item.Channel, to);
        // The turn erased its own conversation (« supprimer mes données »): the confirmation carries what reaches it.
        var erased = conversation is not null && !await db.Conversations.AnyAsync(c => c.Id == to, ct);
        if (work.InProcess)
        {
            // An erased conversation's answer is shown to the member waiting, not kept.
            if (!erased && conversation is not null
                && services.GetServices<IInProcessDelivery>().FirstOrDefault(d => d.Channel == item.Channel) is { } here)
                delivered = await here.DeliverAsync(conversation, replies, ct);
            await outbox.RecordDeliveredAsync(destination, replies, delivered, TurnKey(item.Id), ct);
        }
        else if (work.Turn?.IsGroup != true || replies.All(r => r.Audience == ReplyAudience.Conversation))
            await outbox.SendAsync(destination, replies, TurnKey(item.Id), work.RouteJson, ct, erased ? ConversationSnapshot.Of(conversation!) : null);
        else
            await SendSharedAsync(item, work, destination, replies, memberId, services, ct);
        return new LocalTurnAnswer(item.Id, replies, delivered);
    }

    /// <summary>
    /// Replies of a turn taken in a shared conversation: what is for the conversation goes there; what is for the member
    /// alone goes as the channel shows it to one person there (a Slack ephemeral text), or else to their 1:1.
    /// Each reply keeps its place in the turn's keys (key, key#2…).
    /// </summary>
    private static async Task SendSharedAsync(InboxItem item, InboxWork work, OutboxDestination conversation, IReadOnlyList<Reply> replies,
        long? memberId, IServiceProvider services, CancellationToken ct)
    {
        var outbox = services.GetRequiredService<OutboxWriter>();
        OutboxDestination? direct = null;
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            var key = DeliveryKeys.Nth(TurnKey(item.Id), i);
            if (reply.Audience == ReplyAudience.Conversation)
                await outbox.SendAsync(conversation, [reply], key, work.RouteJson, ct);
            else if (work.PrivateRouteJson is { } glance && reply.Card is null)
                await outbox.SendAsync(conversation, [reply], key, glance, ct);
            else if (memberId is { } member
                     && (direct ??= await OutboxDestinations.MemberAsync(services.GetRequiredService<BotDbContext>(), member, ct)) is { } to)
                await outbox.SendAsync(to, [reply], key, null, ct);
            // Otherwise the member is gone (erased by this very turn): nothing personal is left in the conversation.
        }
    }

    /// <summary>The outbox key of a turn's replies (key, key#2…): one turn, its replies written once.</summary>
    public static string TurnKey(long inboxItemId) => $"turn:{inboxItemId}";

    /// <summary>
    /// Marks the item handled, in the turn's transaction; false when another instance handled it meanwhile (this one
    /// lost the conversation's lease mid-turn: its turn is rolled back). An item the turn itself erased (the member's
    /// « supprimer mes données » deletes what they sent) is put back as an empty record, so a redelivery is still recognised.
    /// </summary>
    private async Task<bool> CompleteAsync(BotDbContext db, InboxItem item, InboxState state, string? error, CancellationToken ct)
    {
        var now = _clock.GetCurrentInstant();
        var id = item.Id;
        var updated = await db.Set<InboxItem>()
            .Where(i => i.Id == id && i.State == InboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.State, state)
                .SetProperty(i => i.HandledAt, now)
                .SetProperty(i => i.Attempts, item.Attempts)
                .SetProperty(i => i.LastError, error), ct);
        if (updated > 0) return true;
        if (await db.Set<InboxItem>().AnyAsync(i => i.Id == id, ct)) return false;
        var handled = now.ToUnixTimeTicks();
        var received = item.ReceivedAt.ToUnixTimeTicks();
        var done = state.ToString();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Inbox" ("Id", "Channel", "Kind", "DedupeKey", "PayloadJson", "ConversationKey", "ReceivedAt", "State", "Attempts", "NextAttemptAt", "HandledAt")
            VALUES ({id}, {item.Channel}, {item.Kind}, {item.DedupeKey}, {"{}"}, {item.ConversationKey}, {received}, {done}, {item.Attempts}, {received}, {handled})
            """, ct);
        return true;
    }

    /// <summary>
    /// An attempt failed (its transaction rolled back). Tried again at once while attempts remain; then parked with its
    /// reason (« messages en échec ») and answered with <see cref="Apology"/>, and the conversation goes on.
    /// </summary>
    private async Task<bool> FailAsync(InboxItem item, Exception e)
    {
        var attempts = item.Attempts + 1;
        var reason = OutboxSender.Clip($"{e.GetType().Name} : {e.Message}");
        if (attempts >= _options.InboxMaxAttempts)
        {
            _logger.LogError(e, "Inbox : élément {Id} ({Channel}/{Kind}) mis de côté après {Attempts} essais", item.Id, item.Channel, item.Kind, attempts);
            await ParkAsync(item, reason, attempts);
            return true;
        }
        _logger.LogWarning("Inbox : élément {Id} ({Channel}/{Kind}) en échec ({Reason}), essai {Attempt}/{Max}", item.Id, item.Channel, item.Kind, reason, attempts + 1, _options.InboxMaxAttempts);
        await using var scope = _scopes.CreateAsyncScope();
        var id = item.Id;
        await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<InboxItem>()
            .Where(i => i.Id == id && i.State == InboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Attempts, attempts)
                .SetProperty(i => i.LastError, reason), CancellationToken.None);
        _signal.InboxChanged();
        return false;
    }

    /// <summary>
    /// Parks the item with its reason and, in the same transaction, tells the member in one short reply (through the
    /// outbox, or to the member waiting here). When even that cannot be written, the item is parked alone.
    /// </summary>
    private async Task ParkAsync(InboxItem item, string reason, int attempts)
    {
        IReadOnlyList<Reply> apology = [Reply.Say(Apology) with { Audience = ReplyAudience.Member }];
        var answer = new LocalTurnAnswer(item.Id, apology, [null]);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<BotDbContext>();
            await using var transaction = await TurnTransaction.BeginAsync(db, CancellationToken.None);
            item.Attempts = attempts;
            var work = await PrepareAsync(item, services, CancellationToken.None);
            if (work is not null)
            {
                (Member? member, Conversation? conversation) = (null, null);
                if (work.Turn is { } turn)
                    (member, conversation) = await services.GetRequiredService<MemberDirectory>().EnsureAsync(turn, _clock.GetCurrentInstant(), CancellationToken.None);
                answer = await WriteRepliesAsync(item, work, conversation, conversation?.Id ?? work.ConversationId, apology, member?.Id, services,
                    CancellationToken.None);
            }
            if (await CompleteAsync(db, item, InboxState.Failed, reason, CancellationToken.None)) await transaction.CommitAsync(CancellationToken.None);
            _signal.OutboxChanged();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Inbox : élément {Id} mis de côté sans pouvoir prévenir le membre", item.Id);
            await FinishAsync(item.Id, InboxState.Failed, reason, attempts);
        }
        if (item.Kind == LocalTurns.Kind) _waiters.Complete(item.DedupeKey, answer);
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
