using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Dialogs.Replies;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>What to answer Slack at once: a status and an optional JSON body (url_verification, modal errors).</summary>
public sealed record SlackAck(int Status, JsonObject? Body = null, string? Error = null)
{
    public static readonly SlackAck Ok = new(200);
    public static SlackAck Bad(string error) => new(400, null, error);
}

/// <summary>
/// The acknowledgement path, shared by the HTTP endpoints and Socket Mode: check what Slack sent, keep what the bot
/// must act on in the queue (dropping retries), and answer within Slack's 3 seconds. The work happens in <see cref="SlackQueueWorker"/>.
/// </summary>
public sealed class SlackInbound(SlackInboxWriter writer, IClock clock, IOptions<SlackOptions> options,
    SlackFormStore forms, ILogger<SlackInbound> logger)
{
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

        var botUserId = SlackEvents.BotUserId(body, options.Value);
        var relevance = SlackEvents.Classify(ev, botUserId);
        if (relevance != SlackEventRelevance.Relevant)
        {
            logger.Log(relevance == SlackEventRelevance.Unsupported ? LogLevel.Information : LogLevel.Debug,
                "Slack : événement {EventId} ({Type}/{Subtype}) ignoré : {Reason}", eventId, Str(ev["type"]), Str(ev["subtype"]), relevance);
            return SlackAck.Ok;
        }
        await EnqueueAsync("event", "event:" + eventId, body, Str(ev["channel"]) ?? "?", ct);
        return SlackAck.Ok;
    }

    public async Task<SlackAck> OnCommandAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (!form.TryGetValue("user_id", out var user) || string.IsNullOrEmpty(user)
            || !form.TryGetValue("channel_id", out var channel) || string.IsNullOrEmpty(channel)
            || !form.TryGetValue("command", out var command) || string.IsNullOrEmpty(command))
            return SlackAck.Bad("commande incomplète : user_id, channel_id et command sont obligatoires");
        var payload = new JsonObject(form.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        var key = form.TryGetValue("trigger_id", out var trigger) && trigger.Length > 0 ? "command:" + trigger : null;
        logger.LogInformation("Slack : commande {Command} de {User} dans {Channel}", command, user, channel);
        await EnqueueAsync("command", key, payload, channel, ct);
        return SlackAck.Ok;
    }

    public async Task<SlackAck> OnInteractionAsync(JsonObject payload, CancellationToken ct)
    {
        var type = Str(payload["type"]);
        var user = Str(payload["user"]?["id"]);
        if (user is null) return SlackAck.Bad("interaction sans user.id");
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
                var channel = Str(payload["channel"]?["id"]) ?? Str(payload["container"]?["channel_id"]) ?? "user:" + user;
                await EnqueueAsync("interaction", trigger is null ? null : "interaction:" + trigger, payload, channel, ct);
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
        if (Str(view?["callback_id"]) != SlackModalRenderer.CallbackId)
        {
            logger.LogWarning("Slack : soumission d'une vue inconnue ({Callback}), ignorée", Str(view?["callback_id"]));
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
        var values = SlackModalRenderer.ReadValues(card, view["state"]?["values"] as JsonObject);
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
        var key = trigger is not null ? "interaction:" + trigger : Str(view["id"]) is { } viewId ? "view:" + viewId + ":" + Str(view["hash"]) : null;
        await EnqueueAsync("interaction", key, payload, metadata.Channel ?? "user:" + user, ct);
        return SlackAck.Ok;
    }

    private static JsonObject ResponseAction(string action, ModalView view) => new()
    {
        ["response_action"] = action,
        ["view"] = JsonSerializer.SerializeToNode(view, BlockKitJson.Options),
    };

    /// <summary>Keeps the item for the worker; false when it was already received (Slack retry).</summary>
    private Task<bool> EnqueueAsync(string kind, string? dedupeKey, JsonObject payload, string conversationKey, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return writer.StoreAsync(new SlackInboxItem
        {
            Kind = kind,
            DedupeKey = dedupeKey,
            PayloadJson = payload.ToJsonString(),
            ConversationKey = conversationKey.Length > 128 ? conversationKey[..128] : conversationKey,
            ReceivedAt = now,
            NextAttemptAt = now,
        }, ct);
    }

    internal static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>Wakes the queue worker when something arrives (it also polls, for other instances' items and retries).</summary>
public sealed class SlackQueueSignal
{
    private readonly System.Threading.Channels.Channel<bool> _channel =
        System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try { await _channel.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
