using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Reads Slack items from the inbox: an event, slash command, click or form submission becomes a turn for the pipeline
/// (with the member's time zone from users.info) and the place its answer goes (thread, ephemeral, response_url);
/// a click on a form's button opens the modal at once (views.open, not a message: no outbox).
/// </summary>
public sealed class SlackInboxHandler(SlackApiClient api, SlackFormStore forms, SlackUserCache users,
    IOptions<SlackOptions> options, ILogger<SlackInboxHandler> logger) : IInboxHandler
{
    public const string Channel = SlackChannel.Id;

    string IInboxHandler.Channel => Channel;

    public async Task<InboxWork?> PrepareAsync(InboxItem item, IServiceProvider services, CancellationToken ct)
    {
        var payload = JsonNode.Parse(item.PayloadJson) as JsonObject ?? throw new JsonException("payload illisible");
        return item.Kind switch
        {
            SlackInbound.EventKind => await FromEventAsync(payload, ct),
            SlackInbound.CommandKind => await FromCommandAsync(payload, ct),
            SlackInbound.InteractionKind => Str(payload["type"]) == "view_submission"
                ? await FromViewSubmissionAsync(payload, ct)
                : await FromBlockActionsAsync(payload, services, ct),
            _ => null,
        };
    }

    private async Task<InboxWork?> FromEventAsync(JsonObject envelope, CancellationToken ct)
    {
        if (envelope["event"] is not JsonObject ev || Str(ev["channel"]) is not { } channel || Str(ev["user"]) is not { } user) return null;
        var isGroup = Str(ev["type"]) == "app_mention" && Str(ev["channel_type"]) != "im";
        var text = SlackEvents.CleanText(Str(ev["text"]), SlackEvents.BotUserId(envelope, options.Value));
        var thread = Str(ev["thread_ts"]) ?? (isGroup ? Str(ev["ts"]) : null);
        var turn = await TurnAsync(channel, user, null, text, isGroup, Reference(channel, Str(envelope["team_id"])), ct) with { MessageId = Str(ev["ts"]) };
        return new InboxWork(turn, RouteJson: new SlackRoute(thread).ToJson(), PrivateRouteJson: PrivateRoute(isGroup, thread, user, null));
    }

    private async Task<InboxWork?> FromCommandAsync(JsonObject form, CancellationToken ct)
    {
        if (Str(form["channel_id"]) is not { } channel || Str(form["user_id"]) is not { } user) return null;
        var isGroup = !channel.StartsWith('D');
        var turn = await TurnAsync(channel, user, Str(form["user_name"]), SlashCommand.ToTurnText(Str(form["text"])), isGroup,
            Reference(channel, Str(form["team_id"])), ct) with { MessageId = Str(form["trigger_id"]) };
        var responseUrl = AllowedResponseUrl(Str(form["response_url"]));
        return new InboxWork(turn, RouteJson: new SlackRoute(null, Ephemeral: isGroup, UserId: user, ResponseUrl: responseUrl).ToJson(),
            PrivateRouteJson: PrivateRoute(isGroup, null, user, responseUrl));
    }

    private async Task<InboxWork?> FromBlockActionsAsync(JsonObject payload, IServiceProvider services, CancellationToken ct)
    {
        var action = (payload["actions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => SlackInteractions.IsKnownAction(Str(a["action_id"])));
        if (action is null || SlackJson.Str(payload, "user", "id") is not { } user) return null;
        var channel = SlackJson.Str(payload, "channel", "id") ?? SlackJson.Str(payload, "container", "channel_id");
        var ephemeral = SlackJson.True(payload, "container", "is_ephemeral");
        var thread = SlackJson.Str(payload, "container", "thread_ts") ?? SlackJson.Str(payload, "message", "thread_ts");
        var responseUrl = AllowedResponseUrl(Str(payload["response_url"]));
        var (text, promptId, typed) = SlackInteractions.ReadChoice(action);

        if (Str(action["action_id"]) == SlackBlockKitRenderer.OpenFormAction)
        {
            await OpenFormAsync(payload, text, channel, thread, ephemeral, responseUrl, user, services, ct);
            return null;
        }
        if (channel is null)
        {
            logger.LogWarning("Slack : clic de {User} hors d'une conversation, ignoré", user);
            return null;
        }
        var turn = await TurnAsync(channel, user, SlackJson.Str(payload, "user", "name"), text, !channel.StartsWith('D'),
            Reference(channel, SlackJson.Str(payload, "team", "id")), ct) with { PromptId = promptId, FormValues = typed, MessageId = Str(payload["trigger_id"]) };
        return new InboxWork(turn, RouteJson: new SlackRoute(thread, ephemeral, user, ephemeral ? responseUrl : null).ToJson(),
            PrivateRouteJson: PrivateRoute(turn.IsGroup, thread, user, responseUrl));
    }

    /// <summary>A form's button: the stored card opens as a modal (views.open must follow the click within 3 s).</summary>
    private async Task OpenFormAsync(JsonObject payload, string? formId, string? channel, string? thread, bool ephemeral, string? responseUrl,
        string user, IServiceProvider services, CancellationToken ct)
    {
        var card = formId is null ? null : await forms.FindAsync(formId, ct);
        var trigger = Str(payload["trigger_id"]);
        if (card is null || trigger is null)
        {
            logger.LogWarning("Slack : formulaire {Form} introuvable pour {User}", formId, user);
            if (channel is not null) await NotifyAsync(services, channel, new SlackRoute(thread, true, user, responseUrl),
                "Ce formulaire n'est plus disponible : redemandez-le, s'il vous plaît.", Str(payload["trigger_id"]), ct);
            return;
        }
        var context = new SlackFormContext(formId!, channel, thread, ephemeral, ephemeral ? responseUrl : null);
        try { await api.OpenViewAsync(trigger, SlackModalRenderer.Render(card, context.ToJson()), ct); }
        catch (SlackApiException e) { logger.LogWarning("Slack : fenêtre du formulaire {Form} non ouverte ({Error})", formId, e.Error); }
    }

    /// <summary>A notice outside any turn, to a conversation the bot already knows.</summary>
    private static async Task NotifyAsync(IServiceProvider services, string channel, SlackRoute route, string text, string? key, CancellationToken ct)
    {
        var db = services.GetRequiredService<BotDbContext>();
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == Channel && c.ChannelConversationId == channel).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (conversation is null) return;
        await services.GetRequiredService<OutboxWriter>().SendAsync(OutboxDestination.Conversation(Channel, conversation.Value), [Reply.Say(text)],
            "slack:notice:" + (key ?? Guid.NewGuid().ToString("N")), route.ToJson(), ct);
    }

    private async Task<InboxWork?> FromViewSubmissionAsync(JsonObject payload, CancellationToken ct)
    {
        if (SlackJson.Str(payload, "user", "id") is not { } user || payload["view"] is not JsonObject view) return null;
        var context = SlackFormContext.Parse(Str(view["private_metadata"]));
        var card = context is null ? null : await forms.FindAsync(context.FormId, ct);
        if (context is null || card is null) return null;
        var channel = context.Channel ?? await api.OpenDirectChannelAsync(user, ct);
        var values = SlackModalRenderer.ReadValues(card, SlackJson.Obj(view, "state", "values"));
        var turn = await TurnAsync(channel, user, SlackJson.Str(payload, "user", "name"), card.SubmitValue, !channel.StartsWith('D'),
            Reference(channel, SlackJson.Str(payload, "team", "id")), ct) with { PromptId = card.PromptId, FormValues = values, MessageId = Str(payload["trigger_id"]) };
        return new InboxWork(turn, RouteJson: new SlackRoute(context.ThreadTs, context.Ephemeral, user, AllowedResponseUrl(context.ResponseUrl)).ToJson(),
            PrivateRouteJson: PrivateRoute(turn.IsGroup, context.ThreadTs, user, AllowedResponseUrl(context.ResponseUrl)));
    }

    /// <summary>In a shared conversation, a reply for the member alone is an ephemeral message to them (through the click's response_url when there is one).</summary>
    private static string? PrivateRoute(bool isGroup, string? thread, string user, string? responseUrl) =>
        isGroup ? new SlackRoute(thread, Ephemeral: true, UserId: user, ResponseUrl: responseUrl).ToJson() : null;

    private string? AllowedResponseUrl(string? url) => options.Value.IsAllowedResponseUrl(url) ? url : null;

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

    /// <summary>What proactive sends need: the channel (top level, not the thread) and the workspace.</summary>
    public static string Reference(string channel, string? team) =>
        new JsonObject { ["channel"] = channel, ["team"] = team }.ToJsonString();

    private static string? Str(JsonNode? node) => SlackInbound.Str(node);
}

/// <summary>Display names and time zones from users.info, kept an hour (a failure costs the time zone, not the turn).</summary>
public sealed class SlackUserCache(TimeProvider clock, ILogger<SlackUserCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Name, string? Zone, DateTimeOffset Until)> _users = new();

    public async Task<(string? Name, string? Zone)> GetAsync(SlackApiClient api, string userId, CancellationToken ct)
    {
        if (_users.TryGetValue(userId, out var known) && known.Until > clock.GetUtcNow()) return (known.Name, known.Zone);
        try
        {
            var (name, zone) = await api.UserInfoAsync(userId, ct);
            _users[userId] = (name, zone, clock.GetUtcNow() + Lifetime);
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
