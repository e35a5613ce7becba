using System.Text.Json.Nodes;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The web chat conversation as the page shows it: member and bot messages in order. It is the web chat's message
/// store, not a queue: the page reads its history and new messages from it, and the web chat connector "delivers"
/// a proactive message by appending it here (<see cref="AppendBotMessageAsync"/>, <see cref="UpdateAsync"/>).
/// </summary>
public sealed class WebChatTranscript(BotDbContext db, TimeProvider clock, IOptions<WebChatOptions> options)
{
    /// <summary>Updates made this close to a read may not be committed yet: the next read looks back that far.</summary>
    private static readonly Duration UpdateLookBack = Duration.FromSeconds(10);

    private DbSet<WebChatMessage> Messages => db.Set<WebChatMessage>();

    /// <summary>Appends a bot message (a reply rendered for the page, <see cref="ReplyJson"/>); returns its id.</summary>
    public async Task<long> AppendBotMessageAsync(string conversationId, string replyJson, CancellationToken ct) =>
        (await AddBotMessagesAsync(conversationId, [replyJson], ct))[0].Id;

    /// <summary>Appends the replies of a turn or of a proactive send, in order, in one write.</summary>
    public Task<IReadOnlyList<WebChatMessage>> AppendBotRepliesAsync(string conversationId, IEnumerable<Reply> replies, CancellationToken ct) =>
        AddBotMessagesAsync(conversationId, replies.Select(r => ReplyJson(r).ToJsonString()), ct);

    private async Task<IReadOnlyList<WebChatMessage>> AddBotMessagesAsync(string conversationId, IEnumerable<string> replies, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var added = replies.Select(json => new WebChatMessage
        {
            ConversationId = conversationId, From = WebChatSender.Bot, PayloadJson = json,
            AsksQuestion = AsksDialogQuestion(json), Revision = 1, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        if (added.Count == 0) return added;
        Messages.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Replaces a bot message (the page redraws it). False when there is no such bot message.</summary>
    public async Task<bool> UpdateAsync(long messageId, string replyJson, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var asks = AsksDialogQuestion(replyJson);
        return await Messages.Where(m => m.Id == messageId && m.From == WebChatSender.Bot)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.PayloadJson, replyJson)
                .SetProperty(m => m.AsksQuestion, asks)
                .SetProperty(m => m.Revision, m => m.Revision + 1)
                .SetProperty(m => m.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Appends what the member said (typed text, or the label of the button clicked on message <paramref name="replyToId"/>).
    /// Null when a message with the same client id is already there: the same send arrived twice.
    /// </summary>
    public async Task<WebChatMessage?> AppendMemberMessageAsync(string conversationId, string clientMessageId, string text, long? replyToId, CancellationToken ct)
    {
        if (await Messages.AnyAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId, ct)) return null;
        if (replyToId is { } target && !await Messages.AnyAsync(m => m.Id == target && m.ConversationId == conversationId && m.From == WebChatSender.Bot, ct))
            replyToId = null;
        var now = clock.GetCurrentInstant();
        var message = new WebChatMessage
        {
            ConversationId = conversationId, From = WebChatSender.Member, ClientMessageId = clientMessageId, ReplyToId = replyToId,
            PayloadJson = new JsonObject { ["text"] = text }.ToJsonString(), Revision = 1, CreatedAt = now, UpdatedAt = now,
        };
        Messages.Add(message);
        try
        {
            await db.SaveChangesAsync(ct);
            return message;
        }
        catch (DbUpdateException)
        {
            // The unique (conversation, client id) index: the same send, arrived at the same time.
            db.Entry(message).State = EntityState.Detached;
            return null;
        }
    }

    /// <summary>The messages with these ids (as the outbox recorded them), in order.</summary>
    public async Task<IReadOnlyList<WebChatMessage>> FindAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.Select(id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .OfType<long>().ToList();
        if (wanted.Count == 0) return [];
        return await Messages.AsNoTracking().Where(m => wanted.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>The most recent messages, oldest first.</summary>
    public async Task<JsonObject> HistoryAsync(string conversationId, CancellationToken ct)
    {
        var recent = await Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id).Take(options.Value.HistoryLength)
            .ToListAsync(ct);
        recent.Reverse();
        var truncated = recent.Count == options.Value.HistoryLength
                        && await Messages.AnyAsync(m => m.ConversationId == conversationId && m.Id < recent[0].Id, ct);
        var page = Page(recent, recent.LastOrDefault()?.Id ?? 0);
        page["truncated"] = truncated;
        return page;
    }

    /// <summary>Messages after <paramref name="after"/>, and earlier ones the bot updated since <paramref name="since"/> (Unix ticks).</summary>
    public async Task<JsonObject> ReadAsync(string conversationId, long after, long since, CancellationToken ct)
    {
        var changedSince = Instant.FromUnixTimeTicks(Math.Max(0, since));
        var rows = await Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && (m.Id > after || (m.UpdatedAt > changedSince && m.Revision > 1)))
            .OrderBy(m => m.Id).Take(100)
            .ToListAsync(ct);
        return Page(rows, Math.Max(after, rows.LastOrDefault()?.Id ?? 0));
    }

    /// <summary>
    /// Messages as the page draws them. The page marks a card answered when a member message replies to it (a click,
    /// <c>replyTo</c>), and a dialog question (<c>asks</c>) answered by whatever the member says after it.
    /// </summary>
    public static JsonArray ToJson(IEnumerable<WebChatMessage> messages) =>
        new(messages.Select(m => (JsonNode)Entry(m)).ToArray());

    /// <summary>A reply as the page draws it: text bubble, Adaptive Card (the one Teams gets), suggested buttons.</summary>
    public static JsonObject ReplyJson(Reply reply)
    {
        var json = new JsonObject();
        if (!string.IsNullOrWhiteSpace(reply.Text)) json["text"] = reply.Text;
        if (reply.Card is not null) json["card"] = Rendering.AdaptiveCardRenderer.Render(reply.Card);
        if (reply.SuggestedActions.Count > 0)
            json["suggestedActions"] = new JsonArray(reply.SuggestedActions
                .Select(a => (JsonNode)SuggestedAction(a)).ToArray());
        return json;
    }

    /// <summary>A suggested button: its label, the text it stands for, and the typed intent it carries (sent back as a click's data).</summary>
    private static JsonObject SuggestedAction(Choice choice)
    {
        var json = new JsonObject { ["label"] = choice.Label, ["value"] = choice.Value };
        if (choice.Action is { } intent) json["data"] = new JsonObject(intent.Data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
        return json;
    }

    private JsonObject Page(IReadOnlyList<WebChatMessage> rows, long after) => new()
    {
        ["messages"] = ToJson(rows),
        ["cursor"] = new JsonObject
        {
            ["after"] = after,
            ["since"] = (clock.GetCurrentInstant() - UpdateLookBack).ToUnixTimeTicks(),
        },
    };

    private static JsonObject Entry(WebChatMessage m)
    {
        var payload = JsonNode.Parse(m.PayloadJson) as JsonObject ?? [];
        if (m.From == WebChatSender.Member)
            return new JsonObject { ["id"] = m.Id, ["from"] = "member", ["text"] = payload["text"]?.DeepClone(), ["replyTo"] = m.ReplyToId };
        return new JsonObject { ["id"] = m.Id, ["from"] = "bot", ["revision"] = m.Revision, ["asks"] = m.AsksQuestion, ["reply"] = payload };
    }

    private static bool AsksDialogQuestion(string replyJson) =>
        replyJson.Contains($"\"{SubmitData.PromptKey}\":\"{Communaute.Dialogs.Engine.DialogPromptIds.Prefix}", StringComparison.Ordinal);
}
