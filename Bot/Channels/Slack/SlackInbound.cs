using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Slack;

/// <summary>What to answer Slack at once: a status and an optional JSON body (url_verification, modal errors).</summary>
public sealed record SlackAck(int Status, JsonObject? Body = null, string? Error = null)
{
    public static readonly SlackAck Ok = new(200);
    public static SlackAck Bad(string error) => new(400, null, error);
}

/// <summary>
/// The acknowledgement path, shared by the HTTP endpoints and Socket Mode: check what Slack sent, keep what the bot
/// must act on in the inbox (dropping redeliveries), and answer within Slack's 3 seconds. The work happens in
/// <see cref="InboxWorker"/> through <see cref="SlackInboxHandler"/>. A payload of the wrong shape is refused with a reason.
/// </summary>
public sealed class SlackInbound(InboxWriter writer, IOptions<SlackOptions> options, SlackFormStore forms, ILogger<SlackInbound> logger)
{
    public const string EventKind = "event";
    public const string CommandKind = "command";
    public const string InteractionKind = "interaction";

    public async Task<SlackAck> OnEventAsync(JsonObject body, CancellationToken ct)
    {
        switch (Str(body["type"]))
        {
            case "url_verification":
                return Str(body["challenge"]) is { } challenge
                    ? new SlackAck(200, new JsonObject { ["challenge"] = challenge })
                    : SlackAck.Bad("url_verification sans challenge");
            case "event_callback":
                break;
            case var other:
                logger.LogInformation("Slack : enveloppe d'événement « {Type} » ignorée", other ?? "(sans type)");
                return SlackAck.Ok;
        }
        if (body["event"] is not JsonObject ev) return SlackAck.Bad("event_callback sans event");
        if (Str(body["event_id"]) is not { } eventId) return SlackAck.Bad("event_callback sans event_id");
        if (body["authorizations"] is { } authorizations and not JsonArray) return SlackAck.Bad("authorizations : liste attendue");

        var botUserId = SlackEvents.BotUserId(body, options.Value);
        var relevance = SlackEvents.Classify(ev, botUserId);
        if (relevance != SlackEventRelevance.Relevant)
        {
            logger.Log(relevance == SlackEventRelevance.Unsupported ? LogLevel.Information : LogLevel.Debug,
                "Slack : événement {EventId} ({Type}/{Subtype}) ignoré : {Reason}", eventId, Str(ev["type"]), Str(ev["subtype"]), relevance);
            return SlackAck.Ok;
        }
        if (BadId(("event.user", Str(ev["user"])), ("event.channel", Str(ev["channel"])), ("team_id", Str(body["team_id"]))) is { } badEvent)
        {
            // Acknowledged (Slack would only send it again) but not stored: a member or conversation id must be exact.
            logger.LogWarning("Slack : événement {EventId} ignoré : {Why}", eventId, badEvent);
            return SlackAck.Ok;
        }
        // A message is (channel, ts): a DM delivered both as message.im and app_mention (two event ids) is answered once.
        await EnqueueAsync(EventKind, $"slack:message:{Str(ev["channel"])}:{Str(ev["ts"])}", body, Str(ev["channel"])!, ct);
        return SlackAck.Ok;
    }

    public async Task<SlackAck> OnCommandAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (!form.TryGetValue("user_id", out var user) || string.IsNullOrEmpty(user)
            || !form.TryGetValue("channel_id", out var channel) || string.IsNullOrEmpty(channel)
            || !form.TryGetValue("command", out var command) || string.IsNullOrEmpty(command))
            return SlackAck.Bad("commande incomplète : user_id, channel_id et command sont obligatoires");
        if (BadId(("user_id", user), ("channel_id", channel), ("team_id", form.GetValueOrDefault("team_id"))) is { } badCommand)
            return Refused("commande", badCommand);
        var payload = new JsonObject(form.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        var key = form.TryGetValue("trigger_id", out var trigger) && trigger.Length > 0 ? "slack:command:" + trigger : null;
        logger.LogInformation("Slack : commande {Command} de {User} dans {Channel}", command, user, channel);
        if (form.TryGetValue("response_url", out var url) && url.Length > 0 && !options.Value.IsAllowedResponseUrl(url))
            logger.LogWarning("Slack : response_url hors de Slack:ResponseUrlPrefixes ignorée pour la commande de {User}", user);
        await EnqueueAsync(CommandKind, key, payload, channel, ct);
        return SlackAck.Ok;
    }

    public async Task<SlackAck> OnInteractionAsync(JsonObject payload, CancellationToken ct)
    {
        var type = Str(payload["type"]);
        var user = SlackJson.Str(payload, "user", "id");
        if (user is null) return SlackAck.Bad("interaction sans user.id");
        if (BadId(("user.id", user), ("channel.id", SlackJson.Str(payload, "channel", "id")), ("container.channel_id", SlackJson.Str(payload, "container", "channel_id")),
                ("team.id", SlackJson.Str(payload, "team", "id"))) is { } badInteraction)
            return Refused("interaction", badInteraction);
        var trigger = Str(payload["trigger_id"]);
        switch (type)
        {
            case "block_actions":
            {
                var actions = payload["actions"] as JsonArray ?? [];
                var known = actions.OfType<JsonObject>().FirstOrDefault(a => SlackInteractions.IsKnownAction(Str(a["action_id"])));
                if (known is null)
                {
                    var ids = string.Join(", ", actions.OfType<JsonObject>().Select(a => Str(a["action_id"])));
                    if (!ids.Split(", ").All(id => id.StartsWith(SlackBlockKitRenderer.LinkActionPrefix, StringComparison.Ordinal)))
                        logger.LogWarning("Slack : action inconnue ({Actions}) de {User}, ignorée", ids, user);
                    return SlackAck.Ok;
                }
                var channel = SlackJson.Str(payload, "channel", "id") ?? SlackJson.Str(payload, "container", "channel_id") ?? "user:" + user;
                await EnqueueAsync(InteractionKind, trigger is null ? null : "slack:interaction:" + trigger, payload, channel, ct);
                return SlackAck.Ok;
            }
            case "view_submission":
                return await OnViewSubmissionAsync(payload, user, trigger, ct);
            default:
                logger.LogInformation("Slack : interaction « {Type} » ignorée", type ?? "(sans type)");
                return SlackAck.Ok;
        }
    }

    private async Task<SlackAck> OnViewSubmissionAsync(JsonObject payload, string user, string? trigger, CancellationToken ct)
    {
        var view = payload["view"] as JsonObject;
        if (SlackJson.Str(view, "callback_id") != SlackModalRenderer.CallbackId)
        {
            logger.LogWarning("Slack : soumission d'une vue inconnue ({Callback}), ignorée", SlackJson.Str(view, "callback_id"));
            return SlackAck.Ok;
        }
        var metadata = SlackFormContext.Parse(Str(view!["private_metadata"]));
        var card = metadata is null ? null : await forms.FindAsync(metadata.FormId, ct);
        if (metadata is null || card is null)
        {
            logger.LogWarning("Slack : formulaire introuvable pour la soumission de {User}", user);
            return new SlackAck(200, ResponseAction("update", SlackModalRenderer.Notice("Formulaire expiré",
                "Ce formulaire n'est plus disponible. Fermez cette fenêtre et redemandez-le au bot, s'il vous plaît.")));
        }
        var values = SlackModalRenderer.ReadValues(card, SlackJson.Obj(view, "state", "values"));
        var errors = SlackModalRenderer.Validate(card, values);
        if (errors.Count > 0)
        {
            logger.LogInformation("Slack : formulaire {Form} de {User} refusé ({Fields})", metadata.FormId, user, string.Join(", ", errors.Keys));
            return new SlackAck(200, new JsonObject
            {
                ["response_action"] = "errors",
                ["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))),
            });
        }
        var key = trigger is not null ? "slack:interaction:" + trigger : Str(view["id"]) is { } viewId ? "slack:view:" + viewId + ":" + Str(view["hash"]) : null;
        await EnqueueAsync(InteractionKind, key, payload, metadata.Channel ?? "user:" + user, ct);
        return SlackAck.Ok;
    }

    private static JsonObject ResponseAction(string action, ModalView view) => new()
    {
        ["response_action"] = action,
        ["view"] = JsonSerializer.SerializeToNode(view, BlockKitJson.Options),
    };

    /// <summary>The first id present that is not a Slack id (a trailing line break, a blank…), described; null when all are fine.</summary>
    private static string? BadId(params (string Name, string? Value)[] ids) =>
        ids.Where(i => i.Value is not null && !ChannelIds.IsSlackId(i.Value))
            .Select(i => $"{i.Name} invalide (lettres, chiffres, « _ . - », 64 au plus)").FirstOrDefault();

    private SlackAck Refused(string what, string why)
    {
        logger.LogWarning("Slack : {What} refusée : {Why}", what, why);
        return SlackAck.Bad(why);
    }

    /// <summary>Keeps the item for the worker; false when it was already received (Slack retry).</summary>
    private Task<bool> EnqueueAsync(string kind, string? dedupeKey, JsonObject payload, string channel, CancellationToken ct) =>
        writer.StoreAsync(new InboxEntry(SlackChannel.Id, kind, dedupeKey, payload.ToJsonString(), ConversationKey(channel)), ct);

    public static string ConversationKey(string channel) => "slack:" + channel;

    internal static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

public static class SlackChannel
{
    public const string Id = "slack";
}
