using System.Text.Json;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Delivery;

/// <summary>
/// The surfaces whose member waits in this process — the page, the terminal, the tests and the benches — take the one
/// turn path: the turn is written to the inbox, the inbox worker runs it (its effects, outbox rows and completion in
/// one transaction), and the caller waits for its own turn's replies on an in-process signal (<see cref="TurnWaiters"/>).
/// The caller also works its conversation's queue itself when no worker of this process is at it, so a host that
/// does not run its background services (the terminal, tests) answers all the same.
/// </summary>
public sealed class LocalTurns(InboxWriter inbox, InboxWorker worker, TurnWaiters waiters, IServiceScopeFactory scopes)
{
    /// <summary>The inbox kind of a turn written by an in-process surface (its payload: the <see cref="IncomingTurn"/> as JSON).</summary>
    public const string Kind = "local";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the turn on the one path and returns its replies.</summary>
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingTurn turn, CancellationToken ct = default) =>
        (await RunAsync(turn, ct)).Replies;

    /// <summary>
    /// Runs the turn on the one path and returns what it produced. A message id already seen in this conversation
    /// (a double send) returns the first run's replies.
    /// </summary>
    public async Task<LocalTurnAnswer> RunAsync(IncomingTurn turn, CancellationToken ct = default)
    {
        // Keys name no member: an erased member's inbox record and lease keep no trace of who they were.
        var dedupeKey = turn.MessageId is { Length: > 0 } messageId
            ? $"{Kind}:{Digest(turn.Channel, turn.ConversationId, messageId)}"
            : $"{Kind}:{Guid.NewGuid():N}";
        // One member's turns in one conversation in order; members of a shared conversation side by side, as before.
        var queue = $"{Kind}:{Digest(turn.Channel, turn.ConversationId, turn.UserId)}";
        var waiter = waiters.Register(dedupeKey);
        try
        {
            var stored = await inbox.StoreAsync(new InboxEntry(turn.Channel, Kind, dedupeKey, JsonSerializer.Serialize(turn, Json), queue), ct);
            if (!stored && await AnsweredAsync(dedupeKey, ct) is { } earlier) return earlier;
            while (!waiter.Task.IsCompleted)
            {
                await worker.WorkQueueAsync(queue, ct);
                if (waiter.Task.IsCompleted) break;
                // Another instance holds the conversation, or the turn waits for a retry: the signal, or the database, tells.
                await Task.WhenAny(waiter.Task, Task.Delay(50, ct));
                if (waiter.Task.IsCompleted) break;
                if (await AnsweredAsync(dedupeKey, ct) is { } answered) return answered;
            }
            return await waiter.Task;
        }
        finally { waiters.Forget(dedupeKey, waiter); }
    }

    private static string Digest(params string[] parts) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32].ToLowerInvariant();

    /// <summary>The turn read back from its inbox item.</summary>
    public static IncomingTurn Read(InboxItem item) =>
        JsonSerializer.Deserialize<IncomingTurn>(item.PayloadJson, Json) ?? throw new JsonException("tour illisible dans l'inbox");

    /// <summary>What a member reads when their waiting message was erased with their data before its turn.</summary>
    private static readonly LocalTurnAnswer Erased =
        new(0, [Reply.Say("Vos données ont été effacées avant que ce message soit traité : il a été effacé avec elles.") with { Audience = ReplyAudience.Member }], [null]);

    /// <summary>
    /// The replies of a handled item, from its outbox rows (null while it is not handled); <see cref="Erased"/> when the
    /// item is gone: the member's data was erased (by a turn of theirs elsewhere) while this message waited.
    /// </summary>
    private async Task<LocalTurnAnswer?> AnsweredAsync(string dedupeKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var item = await db.Set<InboxItem>().AsNoTracking().Where(i => i.DedupeKey == dedupeKey)
            .Select(i => new { i.Id, i.State }).FirstOrDefaultAsync(ct);
        if (item is null) return Erased;
        if (item.State == InboxState.Pending) return null;
        var key = InboxWorker.TurnKey(item.Id);
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.IdempotencyKey == key || o.IdempotencyKey.StartsWith(key + "#"))
            .OrderBy(o => o.Id)
            .Select(o => new { o.PayloadJson, o.PlatformMessageId })
            .ToListAsync(ct);
        return new LocalTurnAnswer(item.Id, rows.Select(r => ReplyJson.Deserialize(r.PayloadJson)).OfType<Reply>().ToList(),
            rows.Select(r => r.PlatformMessageId).ToList());
    }
}
