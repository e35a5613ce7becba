using System.Text.Json;
using Communaute.Bot.Delivery;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Teams;

/// <summary>What /api/messages answers: a status and, for invokes, a body.</summary>
public sealed record TeamsResponse(int Status, object? Body = null, string? Error = null);

/// <summary>
/// The acknowledgement path of /api/messages: checks the activity, stores what the bot must act on in the inbox
/// (deduplicated on the activity id) and answers at once; <see cref="TeamsInboxHandler"/> does the work. A card action
/// (invoke adaptiveCard/action) waits a few seconds for its turn, because Teams waits for the invoke response.
/// </summary>
public sealed class TeamsActivityHandler(
    InboxWriter inbox,
    InboxWorker worker,
    IOptions<TeamsOptions> options,
    IOptions<DeliveryOptions> delivery,
    ILogger<TeamsActivityHandler> logger)
{
    public const string MessageKind = "message";
    public const string InvokeKind = "invoke";
    public const string UpdateKind = "update";

    public async Task<TeamsResponse> HandleAsync(Activity activity, CancellationToken ct)
    {
        switch (activity.Type)
        {
            case "message":
                if (Refused(activity) is { } refusedMessage) return refusedMessage;
                await StoreAsync(activity, MessageKind, DedupeKey(activity), ct);
                return new TeamsResponse(200);
            case "invoke" when activity.Name == "adaptiveCard/action":
                if (Refused(activity) is { } refusedInvoke) return refusedInvoke;
                var key = DedupeKey(activity) ?? $"msteams:invoke:{Guid.NewGuid():N}";
                await StoreAsync(activity, InvokeKind, key, ct);
                var handled = await worker.WaitHandledAsync(key, delivery.Value.InvokeTimeout, ct);
                // Action.Execute wants an invoke response; the answers go to the conversation through the outbox.
                return new TeamsResponse(200, new
                {
                    statusCode = 200,
                    type = "application/vnd.microsoft.activity.message",
                    value = handled ? "C'est noté." : "Votre action a bien été reçue, la réponse arrive.",
                });
            case "invoke":
                // The SDK answers 501 here; the house rule is that no request ends in a 5xx (monitoring reads those as the
                // bot failing). Teams shows the same error to the person either way.
                logger.LogInformation("Teams : invoke « {Name} » non géré", activity.Name);
                return new TeamsResponse(400, new { statusCode = 400, type = "application/vnd.microsoft.activity.message", value = "Action non prise en charge par ce bot." });
            case "conversationUpdate" when (activity.MembersAdded ?? []).Any(m => m?.Id is { Length: > 0 }):
            case "installationUpdate" when activity.Action is null or "add" or "add-upgrade":
                if (Refused(activity) is { } refusedUpdate) return refusedUpdate;
                await StoreAsync(activity, UpdateKind, DedupeKey(activity), ct);
                return new TeamsResponse(200);
            case null or "":
                return BadRequest(activity, "type d'activité absent");
            default:
                logger.LogDebug("Teams : activité {Type} ignorée", activity.Type);
                return new TeamsResponse(200);
        }
    }

    private TeamsResponse? Refused(Activity activity) =>
        TeamsActivityCheck.Problem(activity, options.Value) is { } problem ? BadRequest(activity, problem) : null;

    private async Task StoreAsync(Activity activity, string kind, string? dedupeKey, CancellationToken ct)
    {
        var stored = await inbox.StoreAsync(new InboxEntry(TeamsChannel.ChannelId, kind, dedupeKey,
            JsonSerializer.Serialize(activity, ActivityJson.Options), ConversationKey(activity.Conversation!.Id!)), ct);
        if (!stored) logger.LogInformation("Teams : activité {Id} déjà reçue (nouvel envoi du Bot Connector), ignorée", activity.Id);
    }

    /// <summary>Activity ids are unique within a conversation: the pair identifies a redelivery.</summary>
    private static string? DedupeKey(Activity activity) =>
        activity.Id is { Length: > 0 } id ? DeliveryKeys.Bounded($"msteams:{id}|{activity.Conversation!.Id}") : null;

    public static string ConversationKey(string conversationId) => DeliveryKeys.Bounded("msteams:" + conversationId);

    private TeamsResponse BadRequest(Activity a, string why)
    {
        logger.LogWarning("Teams : activité {Type} refusée : {Why}", a.Type ?? "?", why);
        return new TeamsResponse(400, Error: why);
    }
}
