using Communaute.Bot.Delivery;
using Communaute.Bot.Security;
using Communaute.Dialogs.Replies;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Teams;

/// <summary>
/// Delivers outbox messages to Teams: a reply to the activity it answers, a proactive message from the stored
/// conversation reference (service URL, conversation, tenant), an update or deletion of an activity sent earlier, and
/// 1:1 conversations opened with createConversation. Maps the connector's answers to the outbox's outcomes.
/// <para>
/// What Teams does not allow: the Bot Connector takes no idempotency key and a bot cannot list a conversation's
/// messages, so after an attempt whose outcome is unknown (timeout, 502/504, crash between the call and its record)
/// the bot cannot know whether Teams has the message. <see cref="TeamsOptions.ResendAfterUncertainAttempt"/> chooses:
/// send again (default; at worst a duplicate) or park it for a facilitator (at worst a loss).
/// </para>
/// </summary>
public sealed class TeamsSender(BotConnectorClient connector, BotDbContext db, TimeProvider clock, IOptions<TeamsOptions> options, PublicUrls urls,
    ILogger<TeamsSender> logger)
    : IChannelSender
{
    public string Channel => TeamsChannel.ChannelId;

    public SendPacing Pacing => new(options.Value.MinIntervalPerConversation, options.Value.MaxMessagesPer30Seconds, TimeSpan.FromSeconds(30));

    public async Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        if (Reference(message) is not { } reference) return Gone(message);
        if (Uncertain(message) is { } parked) return parked;
        var route = TeamsRoute.Parse(message.Row.RouteJson);
        var activity = Render(message, reference, route);
        var result = await connector.PostActivityAsync(reference.ServiceUrl, reference.ConversationId, route?.ReplyToId, activity, ct);
        return Outcome(result, reference.ConversationId);
    }

    public async Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct)
    {
        if (Reference(message) is not { } reference) return Gone(message);
        var conversationId = message.Original!.PlatformConversationId ?? reference.ConversationId;
        var activity = Render(message, reference with { ConversationId = conversationId }, null);
        activity.Id = message.Original.PlatformMessageId;
        var result = await connector.UpdateActivityAsync(reference.ServiceUrl, conversationId, message.Original.PlatformMessageId!, activity, ct);
        return Outcome(result, conversationId, keepId: message.Original.PlatformMessageId);
    }

    public async Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct)
    {
        if (Reference(message) is not { } reference) return Gone(message);
        var conversationId = message.Original!.PlatformConversationId ?? reference.ConversationId;
        var result = await connector.DeleteActivityAsync(reference.ServiceUrl, conversationId, message.Original.PlatformMessageId!, ct);
        // Already gone is what was asked.
        if (result.Status == 404) return new DeliveryResult.Sent(message.Original.PlatformMessageId, conversationId);
        return Outcome(result, conversationId, keepId: message.Original.PlatformMessageId);
    }

    /// <summary>
    /// Opens the member's 1:1 with createConversation, from the service URL and tenant of the route (a member added to
    /// a team) or of a conversation the member took part in, and stores it.
    /// </summary>
    public async Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct)
    {
        var known = await KnownReferenceAsync(member, ct);
        var route = TeamsRoute.Parse(routeJson);
        var serviceUrl = route?.ServiceUrl ?? known?.ServiceUrl;
        var tenant = route?.TenantId ?? known?.TenantId;
        var botId = route?.BotId ?? known?.BotId;
        var botName = route?.BotName ?? known?.BotName;
        if (serviceUrl is null || botId is null)
            return DirectConversation.Failed(new DeliveryResult.Park(OutboxFailureKind.TargetGone,
                "aucune référence Teams (service, locataire) connue pour ce membre : il doit d'abord écrire au bot ou être ajouté à une équipe où le bot est installé"));
        var result = await connector.CreateConversationAsync(serviceUrl, new
        {
            bot = new { id = botId, name = botName },
            members = new[] { new { id = member.ChannelUserId } },
            isGroup = false,
            tenantId = tenant,
            channelData = new { tenant = new { id = tenant } },
        }, ct);
        if (!result.Ok || string.IsNullOrEmpty(result.Id))
        {
            if (result.Status is 403 or 404)
                return DirectConversation.Failed(new DeliveryResult.Park(OutboxFailureKind.TargetGone, $"Teams refuse la conversation directe (HTTP {result.Status}) : l'application n'est sans doute pas installée pour ce membre"));
            return DirectConversation.Failed(Outcome(result, null) is DeliveryResult.Sent ? new DeliveryResult.Retry("createConversation sans id") : Outcome(result, null));
        }
        var reference = new TeamsConversationReference
        {
            ServiceUrl = serviceUrl,
            ConversationId = result.Id,
            TenantId = tenant,
            BotId = botId,
            BotName = botName,
            UserId = member.ChannelUserId,
            UserName = member.DisplayName,
            ConversationType = "personal",
        };
        return DirectConversation.Opened(await StoreDirectAsync(member, result.Id, reference, ct));
    }

    private async Task<TeamsConversationReference?> KnownReferenceAsync(Member member, CancellationToken ct)
    {
        // Any conversation where the member last spoke tells the service url, tenant and bot id to use.
        var needle = $"\"userId\":\"{member.ChannelUserId}\"";
        var json = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == Channel && c.ReferenceJson != null && c.ReferenceJson.Contains(needle))
            .OrderByDescending(c => c.LastActivityAt)
            .Select(c => c.ReferenceJson)
            .FirstOrDefaultAsync(ct);
        return TeamsConversationReference.Parse(json);
    }

    private async Task<Conversation> StoreDirectAsync(Member member, string conversationId, TeamsConversationReference reference, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Channel == Channel && c.ChannelConversationId == conversationId, ct);
            var now = clock.GetCurrentInstant();
            if (conversation is null)
            {
                conversation = new Conversation { Channel = Channel, ChannelConversationId = conversationId, CreatedAt = now, LastActivityAt = now };
                db.Conversations.Add(conversation);
            }
            conversation.IsGroup = false;
            conversation.DirectMemberId = member.Id;
            conversation.ReferenceJson = reference.ToJson();
            try
            {
                await db.SaveChangesAsync(ct);
                return conversation;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static TeamsConversationReference? Reference(OutboundMessage message) => TeamsConversationReference.Parse(message.Conversation.ReferenceJson);

    private static DeliveryResult Gone(OutboundMessage message) =>
        new DeliveryResult.Park(OutboxFailureKind.TargetGone, $"conversation Teams {message.Conversation.Id} sans référence enregistrée (service, identifiant)");

    /// <summary>After an attempt whose outcome is unknown: send again, or park, as configured.</summary>
    private DeliveryResult? Uncertain(OutboundMessage message)
    {
        if (message.PossiblyDeliveredSince is not { } since) return null;
        if (!options.Value.ResendAfterUncertainAttempt)
            return new DeliveryResult.Park(OutboxFailureKind.Uncertain, $"envoi incertain depuis {since} (Teams ne permet pas de vérifier) : à contrôler dans la conversation");
        logger.LogWarning("Teams : {Key} renvoyé après un essai à l'issue inconnue (depuis {Since}) ; Teams ne permet pas de vérifier s'il était arrivé",
            message.Row.IdempotencyKey, since);
        return null;
    }

    private Activity Render(OutboundMessage message, TeamsConversationReference reference, TeamsRoute? route)
    {
        var activity = TeamsReplyRenderer.ToActivity(ReplyLinks.Absolute(message.Reply!, urls.Base()));
        activity.From = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
        activity.Recipient = route?.To;
        activity.Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId };
        activity.ReplyToId = route?.ReplyToId;
        return activity;
    }

    private static DeliveryResult Outcome(ConnectorResult result, string? conversationId, string? keepId = null)
    {
        if (result.Ok) return new DeliveryResult.Sent(keepId ?? result.Id, conversationId);
        return result.Status switch
        {
            null => new DeliveryResult.Retry(result.Error ?? "connecteur injoignable", null, result.MayHaveArrived),
            429 or 412 or 500 or 503 => new DeliveryResult.Retry(result.Error!, result.RetryAfter),
            502 or 504 => new DeliveryResult.Retry(result.Error!, result.RetryAfter, Ambiguous: true),
            401 => new DeliveryResult.Retry("jeton refusé par le connecteur (HTTP 401)"),
            403 or 404 => new DeliveryResult.Park(OutboxFailureKind.TargetGone, $"conversation inaccessible : bot retiré ou conversation supprimée ({result.Error})"),
            408 => new DeliveryResult.Retry(result.Error!, result.RetryAfter, Ambiguous: true),
            400 or 413 => new DeliveryResult.Park(OutboxFailureKind.InvalidPayload, "message refusé par le connecteur : " + result.Error),
            _ => new DeliveryResult.Park(OutboxFailureKind.Refused, "refusé par le connecteur : " + result.Error),
        };
    }
}
