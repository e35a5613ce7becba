using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Turns a queued item into a turn for the pipeline (text, clicked choice or submitted form, the member's time zone
/// from users.info) and the pipeline's replies into the Web API calls that answer it, in the right place.
/// </summary>
public sealed class SlackTurnProcessor(TurnPipeline pipeline, SlackApiClient api, SlackFormStore forms, SlackUserCache users,
    IOptions<SlackOptions> options, ILogger<SlackTurnProcessor> logger)
{
    public const string Channel = "slack";

    /// <summary>The calls answering the item, or null when there is nothing to do.</summary>
    public async Task<List<JsonObject>?> BuildOutboxAsync(SlackInboxItem item, CancellationToken ct)
    {
        var payload = JsonNode.Parse(item.PayloadJson) as JsonObject ?? throw new JsonException("payload illisible");
        return item.Kind switch
        {
            "event" => await FromEventAsync(payload, ct),
            "command" => await FromCommandAsync(payload, ct),
            "interaction" => SlackInbound.Str(payload["type"]) == "view_submission"
                ? await FromViewSubmissionAsync(payload, ct)
                : await FromBlockActionsAsync(payload, ct),
            _ => null,
        };
    }

    private async Task<List<JsonObject>?> FromEventAsync(JsonObject envelope, CancellationToken ct)
    {
        var ev = (JsonObject)envelope["event"]!;
        var channel = Str(ev["channel"])!;
        var user = Str(ev["user"])!;
        var isGroup = Str(ev["type"]) == "app_mention" && Str(ev["channel_type"]) != "im";
        var text = SlackEvents.CleanText(Str(ev["text"]), SlackEvents.BotUserId(envelope, options.Value));
        var thread = Str(ev["thread_ts"]) ?? (isGroup ? Str(ev["ts"]) : null);
        var turn = await TurnAsync(channel, user, null, text, isGroup, Reference(channel, Str(envelope["team_id"])), ct);
        return await AnswerAsync(turn, new SlackReplyTarget(channel, user, thread), ct);
    }

    private async Task<List<JsonObject>?> FromCommandAsync(JsonObject form, CancellationToken ct)
    {
        var channel = Str(form["channel_id"])!;
        var user = Str(form["user_id"])!;
        var isGroup = !channel.StartsWith('D');
        var turn = await TurnAsync(channel, user, Str(form["user_name"]), SlashCommand.ToTurnText(Str(form["text"])), isGroup,
            Reference(channel, Str(form["team_id"])), ct);
        return await AnswerAsync(turn, new SlackReplyTarget(channel, user, null, Ephemeral: isGroup, ResponseUrl: Str(form["response_url"])), ct);
    }

    private async Task<List<JsonObject>?> FromBlockActionsAsync(JsonObject payload, CancellationToken ct)
    {
        var action = (payload["actions"] as JsonArray ?? []).OfType<JsonObject>().First(a => SlackInteractions.IsKnownAction(Str(a["action_id"])));
        var user = Str(payload["user"]?["id"])!;
        var channel = Str(payload["channel"]?["id"]) ?? Str(payload["container"]?["channel_id"]);
        var ephemeral = payload["container"]?["is_ephemeral"] is JsonValue e && e.TryGetValue<bool>(out var b) && b;
        var thread = Str(payload["container"]?["thread_ts"]) ?? Str(payload["message"]?["thread_ts"]);
        var responseUrl = Str(payload["response_url"]);
        var (text, promptId) = SlackInteractions.ReadChoice(action);

        if (Str(action["action_id"]) == SlackBlockKitRenderer.OpenFormAction)
        {
            var card = text is null ? null : await forms.FindAsync(text, ct);
            var trigger = Str(payload["trigger_id"]);
            if (card is null || trigger is null)
            {
                logger.LogWarning("Slack : formulaire {Form} introuvable pour {User}", text, user);
                if (channel is null) return null;
                return SlackOutbox.Messages(new SlackReplyTarget(channel, user, thread, Ephemeral: true, ResponseUrl: responseUrl),
                    SlackBlockKitRenderer.Render(Reply.Say("Ce formulaire n'est plus disponible : redemandez-le, s'il vous plaît.")));
            }
            var context = new SlackFormContext(text!, channel, thread, ephemeral, ephemeral ? responseUrl : null);
            var view = SlackModalRenderer.Render(card, context.ToJson());
            return [SlackOutbox.Call("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = JsonSerializer.SerializeToNode(view, BlockKitJson.Options) })];
        }

        if (channel is null)
        {
            logger.LogWarning("Slack : clic de {User} hors d'une conversation, ignoré", user);
            return null;
        }
        var turn = await TurnAsync(channel, user, Str(payload["user"]?["name"]), text, !channel.StartsWith('D'), Reference(channel, Str(payload["team"]?["id"])), ct)
            with { PromptId = promptId };
        return await AnswerAsync(turn, new SlackReplyTarget(channel, user, thread, ephemeral, ephemeral ? responseUrl : null), ct);
    }

    private async Task<List<JsonObject>?> FromViewSubmissionAsync(JsonObject payload, CancellationToken ct)
    {
        var user = Str(payload["user"]?["id"])!;
        var view = (JsonObject)payload["view"]!;
        var context = SlackFormContext.Parse(Str(view["private_metadata"]));
        var card = context is null ? null : await forms.FindAsync(context.FormId, ct);
        if (context is null || card is null) return null;
        var channel = context.Channel ?? await api.OpenDirectChannelAsync(user, ct);
        var values = SlackModalRenderer.ReadValues(card, view["state"]?["values"] as JsonObject);
        var turn = await TurnAsync(channel, user, Str(payload["user"]?["name"]), card.SubmitValue, !channel.StartsWith('D'), Reference(channel, Str(payload["team"]?["id"])), ct)
            with { PromptId = card.PromptId, FormValues = values };
        return await AnswerAsync(turn, new SlackReplyTarget(channel, user, context.ThreadTs, context.Ephemeral, context.ResponseUrl), ct);
    }

    private async Task<IncomingTurn> TurnAsync(string channel, string user, string? userName, string? text, bool isGroup, string reference, CancellationToken ct)
    {
        var (name, zone) = await users.GetAsync(api, user, ct);
        return new IncomingTurn
        {
            Channel = Channel,
            ConversationId = channel,
            UserId = user,
            UserName = name ?? userName,
            Text = text,
            IsGroup = isGroup,
            TimeZone = zone,
            ConversationReference = reference,
        };
    }

    private async Task<List<JsonObject>> AnswerAsync(IncomingTurn turn, SlackReplyTarget target, CancellationToken ct)
    {
        var replies = await pipeline.HandleAsync(turn, ct);
        var messages = new List<SlackMessage>();
        foreach (var reply in replies) messages.AddRange(await forms.RenderAsync(reply, ct));
        return SlackOutbox.Messages(target, messages);
    }

    /// <summary>What proactive sends need: the channel (top level, not the thread) and the workspace.</summary>
    public static string Reference(string channel, string? team) =>
        new JsonObject { ["channel"] = channel, ["team"] = team }.ToJsonString();

    private static string? Str(JsonNode? node) => SlackInbound.Str(node);
}

/// <summary>Display names and time zones from users.info, kept an hour (a failure costs the time zone, not the turn).</summary>
public sealed class SlackUserCache(ILogger<SlackUserCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Name, string? Zone, DateTimeOffset Until)> _users = new();

    public async Task<(string? Name, string? Zone)> GetAsync(SlackApiClient api, string userId, CancellationToken ct)
    {
        if (_users.TryGetValue(userId, out var known) && known.Until > TimeProvider.System.GetUtcNow()) return (known.Name, known.Zone);
        try
        {
            var (name, zone) = await api.UserInfoAsync(userId, ct);
            _users[userId] = (name, zone, TimeProvider.System.GetUtcNow() + Lifetime);
            return (name, zone);
        }
        catch (SlackApiException e)
        {
            logger.LogWarning("Slack : users.info {User} a échoué ({Error}) ; fuseau par défaut", userId, e.Error);
            return (null, null);
        }
    }
}

/// <summary>"/communaute question X" → "X", "/communaute caractériser" → "caractériser", …: the text the pipeline would get typed.</summary>
public static class SlashCommand
{
    public static string ToTurnText(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0) return "aide";
        var space = t.IndexOfAny([' ', '\n', '\t']);
        var head = (space < 0 ? t : t[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : t[(space + 1)..].Trim();
        return head switch
        {
            "question" => rest.Length > 0 ? rest : "aide",
            "caractériser" or "caracteriser" or "caractérisation" => rest.Length > 0 ? "caractériser " + rest : "caractériser",
            "sessions" or "session" => rest.Length > 0 ? "sessions " + rest : "sessions",
            "digest" => rest.Length > 0 ? "digest " + rest : "digest",
            "aide" or "help" or "?" => "aide",
            _ => t,
        };
    }
}
