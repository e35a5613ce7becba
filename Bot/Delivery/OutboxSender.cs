using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Delivers the outbox: conversation by conversation (in order, within each platform's pace), many conversations at
/// once. Every attempt is recorded before the platform is called; a failure is retried later with backoff and jitter
/// (Retry-After honoured), and parked with its reason after <see cref="DeliveryOptions.OutboxMaxAttempts"/> or at once
/// when it can never work. A 1:1 conversation is opened here, not in the transaction that wrote the message.
/// <para>
/// Round trips per message: the conversation's waiting messages are read in batches (and its stored conversation
/// once per batch); each message then costs its two conditional updates — the attempt recorded before the call, the
/// outcome after — which are what exactly-once rests on. Conversations another instance holds are left out of the
/// due list rather than tried one lease at a time.
/// </para>
/// </summary>
public sealed class OutboxSender : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly DeliveryOptions _options;
    private readonly DeliverySignal _signal;
    private readonly ConversationPacer _pacer;
    private readonly ILogger<OutboxSender> _logger;
    private readonly ConversationQueues _queues;
    private readonly LeaseStore _leases;
    private readonly GroupCommit _writes;

    private const string LeasePrefix = "out:";

    /// <summary>Waiting messages of one conversation read at once (then sent one by one, in order, within its pace).</summary>
    private const int BatchSize = 20;

    public OutboxSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DeliveryOptions> options, DeliverySignal signal,
        ConversationPacer pacer, LeaseStore leases, GroupCommit writes, ILogger<OutboxSender> logger)
    {
        _writes = writes;
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _signal = signal;
        _pacer = pacer;
        _logger = logger;
        _leases = leases;
        _queues = new ConversationQueues("Outbox", LeasePrefix, leases, Math.Max(1, _options.OutboxParallelism), logger,
            DueConversationsAsync, ProcessConversationAsync, signal.OutboxChanged, signal.WaitOutboxAsync);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.ProcessOutbox)
        {
            _logger.LogWarning("Outbox : envoi désactivé dans cette instance (Delivery:ProcessOutbox=false)");
            return;
        }
        await _queues.RunAsync(_options.PollInterval, stoppingToken);
    }

    /// <summary>Sends everything due now and returns when nothing due is left (tests; a host that does not listen).</summary>
    public Task DrainAsync(CancellationToken ct = default) => _queues.DrainAsync(ct);

    /// <summary>
    /// Conversations whose first waiting message is due, except those another instance holds (trying their lease
    /// would only cost a statement each).
    /// </summary>
    private async Task<IReadOnlyList<string>> DueConversationsAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = _clock.GetCurrentInstant();
        var holder = _leases.Holder;
        var outbox = db.Set<OutboxMessage>();
        var leases = db.Set<DeliveryLease>();
        return await outbox
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now
                        && !outbox.Any(p => p.ConversationKey == o.ConversationKey && p.Status == OutboxStatus.Pending && p.Id < o.Id)
                        && !leases.Any(l => l.Key == LeasePrefix + o.ConversationKey && l.Until >= now && l.Holder != holder))
            .OrderBy(o => o.Id)
            .Select(o => o.ConversationKey)
            .Take(200)
            .ToListAsync(ct);
    }

    private async Task ProcessConversationAsync(string key, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (emptied, pacing) = await DeliverBatchAsync(key, ct);
                if (!emptied) break;
                // Before giving the conversation up, let its pace pass: another instance could otherwise send at once.
                if (pacing.MinInterval > TimeSpan.Zero) await _pacer.WaitQuietAsync(key, pacing, ct);
            }
        }
        finally { _pacer.Forget(key); }
    }

    /// <summary>
    /// The conversation's waiting messages, in order, read in one statement (only the holder of the conversation's
    /// lease asks), each then attempted as it comes due. Returns whether every one read left the queue (sent or
    /// parked: look for more) and the channel's pace. One connection for the whole batch: on SQLite each opening costs
    /// its settings.
    /// </summary>
    private async Task<(bool Emptied, SendPacing Pacing)> DeliverBatchAsync(string key, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BotDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.ConversationKey == key && o.Status == OutboxStatus.Pending)
            .OrderBy(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var pacing = SendPacing.None;
        var conversations = new Dictionary<long, Conversation>();
        foreach (var row in rows)
        {
            if (ct.IsCancellationRequested || row.NextAttemptAt > _clock.GetCurrentInstant()) return (false, pacing);
            var (done, rowPacing) = await DeliverAsync(db, services, key, row, conversations, ct);
            pacing = rowPacing;
            if (!done) return (false, pacing);
        }
        return (rows.Count > 0, pacing);
    }

    /// <summary>One attempt at a message, the first waiting one of its conversation. Returns whether it left the queue (sent or parked).</summary>
    private async Task<(bool Done, SendPacing Pacing)> DeliverAsync(BotDbContext db, IServiceProvider services, string key, OutboxMessage row,
        Dictionary<long, Conversation> conversations, CancellationToken ct)
    {
        using var span = Operations.BotTracing.StartSend(row);
        var sender = services.GetServices<IChannelSender>().FirstOrDefault(s => s.Channel == row.Channel);
        if (sender is null)
            return (await FinishAsync(db, row, new DeliveryResult.Park(OutboxFailureKind.Refused, $"aucun envoi possible sur le canal « {row.Channel} »"), ct), SendPacing.None);

        var (message, problem) = await PrepareAsync(db, sender, row, conversations, ct);
        if (problem is DeliveryResult.Retry)
        {
            // Opening the 1:1 failed for now: that counts as an attempt.
            var counted = row.Attempts + 1;
            await db.Set<OutboxMessage>().Where(o => o.Id == row.Id && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, counted), ct);
            row.Attempts = counted;
        }
        if (problem is not null) return (await FinishAsync(db, row, problem, ct), sender.Pacing);

        await _pacer.WaitTurnAsync(key, sender.Pacing, ct);
        await services.GetRequiredService<ITurnCrashPoint>().BeforeSendAsync(row, ct);
        var now = _clock.GetCurrentInstant();
        var attempts = row.Attempts + 1;
        var inFlightSince = row.InFlightSince ?? now;
        var recorded = await _writes.RunAsync((w, c) => Waiting(w, row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, attempts).SetProperty(o => o.InFlightSince, inFlightSince), c), ct);
        if (recorded == 0) return (false, sender.Pacing);
        row.Attempts = attempts;

        DeliveryResult result;
        try
        {
            result = row.Operation switch
            {
                OutboxOperation.Update => await sender.UpdateAsync(message!, ct),
                OutboxOperation.Delete => await sender.DeleteAsync(message!, ct),
                _ => await sender.SendAsync(message!, ct),
            };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down mid-call: the platform may have it; the attempt stays recorded and the next one checks where it can.
            throw;
        }
        catch (Exception e)
        {
            result = new DeliveryResult.Retry("erreur inattendue : " + e.Message, Ambiguous: true);
            _logger.LogError(e, "Outbox : {Key} ({Channel}) a levé une erreur inattendue", row.IdempotencyKey, row.Channel);
        }
        _pacer.Sent(key, sender.Pacing);
        return (await FinishAsync(db, row, result, ct), sender.Pacing);
    }

    /// <summary>Everything the channel needs to make the call: the conversation (a 1:1 opened if needed), the reply, the original message.</summary>
    private async Task<(OutboundMessage? Message, DeliveryResult? Problem)> PrepareAsync(BotDbContext db, IChannelSender sender, OutboxMessage row,
        Dictionary<long, Conversation> conversations, CancellationToken ct)
    {
        OutboxMessage? original = null;
        if (row.Operation != OutboxOperation.Send)
        {
            original = await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == row.TargetKey, ct);
            if (original is null) return (null, new DeliveryResult.Park(OutboxFailureKind.OriginalMissing, $"message d'origine « {row.TargetKey} » inconnu"));
            if (original.Status == OutboxStatus.Pending) return (null, new DeliveryResult.Retry("le message d'origine n'est pas encore envoyé"));
            if (original.Status == OutboxStatus.Failed || original.PlatformMessageId is null)
                return (null, new DeliveryResult.Park(OutboxFailureKind.OriginalMissing, $"le message d'origine « {row.TargetKey} » n'a pas été envoyé"));
            row.ConversationId ??= original.ConversationId;
        }

        if (row.ConversationId is null && row.MemberId is { } memberId)
        {
            var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
            if (member is null) return (null, new DeliveryResult.Park(OutboxFailureKind.TargetGone, $"membre {memberId} inconnu (données effacées ?)"));
            var direct = await OutboxDestinations.LatestDirectAsync(db, memberId, row.Channel, ct);
            if (direct is null)
            {
                var opened = await sender.OpenDirectAsync(member, row.RouteJson, ct);
                if (opened.Failure is not null) return (null, opened.Failure);
                direct = opened.Conversation!;
                _logger.LogInformation("Outbox : conversation directe ouverte avec le membre {Member} sur {Channel}", memberId, row.Channel);
            }
            var directId = direct.Id;
            await db.Set<OutboxMessage>().Where(o => o.Id == row.Id && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ConversationId, directId), ct);
            row.ConversationId = directId;
        }

        Conversation? conversation = null;
        if (row.ConversationId is { } conversationId && !conversations.TryGetValue(conversationId, out conversation))
        {
            conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is not null) conversations[conversationId] = conversation;
        }
        // A conversation the turn erased (« supprimer mes données ») is reached through the row's own copy, for its confirmation.
        conversation ??= ConversationSnapshot.Restore(row.ConversationSnapshotJson, row.ConversationId);
        if (conversation is null) return (null, new DeliveryResult.Park(OutboxFailureKind.TargetGone, $"conversation {row.ConversationId} introuvable (supprimée ?)"));

        var reply = ReplyJson.Deserialize(row.PayloadJson);
        if (row.Operation != OutboxOperation.Delete && reply is null) return (null, new DeliveryResult.Park(OutboxFailureKind.InvalidPayload, "contenu du message illisible"));

        var possibly = row.InFlightSince;
        return (new OutboundMessage(row, conversation, reply, original, possibly, async platformId =>
        {
            row.PartsSent++;
            row.PlatformMessageId ??= platformId;
            var parts = row.PartsSent;
            var first = row.PlatformMessageId;
            await db.Set<OutboxMessage>().Where(o => o.Id == row.Id && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.PartsSent, parts).SetProperty(o => o.PlatformMessageId, first), CancellationToken.None);
        }), null);
    }

    /// <summary>Records the outcome; true when the message left the queue (sent or parked).</summary>
    private async Task<bool> FinishAsync(BotDbContext db, OutboxMessage row, DeliveryResult result, CancellationToken ct)
    {
        var now = _clock.GetCurrentInstant();
        var id = row.Id;
        switch (result)
        {
            case DeliveryResult.Sent sent:
                await _writes.RunAsync((w, c) => Waiting(w, id).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Status, OutboxStatus.Sent)
                    .SetProperty(o => o.SentAt, now)
                    .SetProperty(o => o.PlatformMessageId, o => sent.PlatformMessageId ?? o.PlatformMessageId)
                    .SetProperty(o => o.PlatformConversationId, o => sent.PlatformConversationId ?? o.PlatformConversationId)
                    .SetProperty(o => o.InFlightSince, (Instant?)null)
                    .SetProperty(o => o.LastError, (string?)null)
                    .SetProperty(o => o.FailureKind, OutboxFailureKind.None), c), CancellationToken.None);
                return true;
            case DeliveryResult.Park park:
                _logger.LogError("Outbox : {Key} ({Channel}, {Operation}) mis de côté ({Kind}) : {Reason}", row.IdempotencyKey, row.Channel, row.Operation, park.Kind, park.Reason);
                await Park(db, id, park.Kind, park.Reason);
                return true;
            case DeliveryResult.Retry retry when row.Attempts >= _options.OutboxMaxAttempts:
                _logger.LogError("Outbox : {Key} ({Channel}) mis de côté après {Attempts} essais : {Reason}", row.IdempotencyKey, row.Channel, row.Attempts, retry.Reason);
                await Park(db, id, OutboxFailureKind.TransientExhausted, $"abandonné après {row.Attempts} essais : {retry.Reason}");
                return true;
            case DeliveryResult.Retry retry:
                var next = now + Backoff.Next(row.Attempts, _options.RetryBaseDelay, _options.MaxRetryDelay, retry.After);
                _logger.LogWarning("Outbox : {Key} ({Channel}) non remis ({Reason}), essai {Attempt}/{Max} à {Next}",
                    row.IdempotencyKey, row.Channel, retry.Reason, row.Attempts + 1, _options.OutboxMaxAttempts, next);
                var stillInFlight = retry.Ambiguous ? row.InFlightSince ?? now : (Instant?)null;
                var error = Clip(retry.Reason);
                await _writes.RunAsync((w, c) => Waiting(w, id).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.NextAttemptAt, next)
                    .SetProperty(o => o.LastError, error)
                    .SetProperty(o => o.InFlightSince, stillInFlight), c), CancellationToken.None);
                return false;
            default:
                throw new InvalidOperationException(result.GetType().Name);
        }

        static Task<int> Park(BotDbContext db, long id, OutboxFailureKind kind, string reason) => Waiting(db, id).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OutboxStatus.Failed)
            .SetProperty(o => o.FailureKind, kind)
            .SetProperty(o => o.LastError, Clip(reason))
            .SetProperty(o => o.InFlightSince, (Instant?)null), CancellationToken.None);
    }

    /// <summary>The message <paramref name="id"/>, while it waits to leave the queue (every update is conditional on it).</summary>
    private static IQueryable<OutboxMessage> Waiting(BotDbContext db, long id) =>
        db.Set<OutboxMessage>().Where(o => o.Id == id && o.Status == OutboxStatus.Pending);

    internal static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];
}
