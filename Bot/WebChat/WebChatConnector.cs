using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The outbox's sender for the local chat page: a message is delivered by appending it to the conversation's
/// transcript (the page polls it); an update redraws it there; a deletion leaves a short notice in its place.
/// </summary>
public sealed class WebChatConnector(WebChatTranscript transcript) : IChannelSender
{
    public string Channel => WebChatEndpoints.Channel;

    public SendPacing Pacing => SendPacing.None;

    public async Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var conversationId = message.Conversation.ChannelConversationId;
        var id = await transcript.AppendBotMessageAsync(conversationId, WebChatTranscript.ReplyJson(message.Reply!).ToJsonString(), ct);
        return new DeliveryResult.Sent(id.ToString(CultureInfo.InvariantCulture), conversationId);
    }

    public async Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct) =>
        await ReplaceAsync(message, WebChatTranscript.ReplyJson(message.Reply!).ToJsonString(), ct);

    public async Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct) =>
        await ReplaceAsync(message, WebChatTranscript.ReplyJson(Communaute.Dialogs.Replies.Reply.Say("_Message retiré._")).ToJsonString(), ct);

    private async Task<DeliveryResult> ReplaceAsync(OutboundMessage message, string json, CancellationToken ct)
    {
        var platformId = message.Original?.PlatformMessageId;
        if (!long.TryParse(platformId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return OriginalMissing;
        return await transcript.UpdateAsync(id, json, ct)
            ? new DeliveryResult.Sent(platformId, message.Conversation.ChannelConversationId)
            : OriginalMissing;
    }

    private static readonly DeliveryResult OriginalMissing =
        new DeliveryResult.Park(OutboxFailureKind.OriginalMissing, "message d'origine introuvable sur la page locale");

    /// <summary>The page's conversation is the member's 1:1 conversation; there is no other to open.</summary>
    public Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct) =>
        Task.FromResult(DirectConversation.Failed(new DeliveryResult.Park(OutboxFailureKind.TargetGone, "la page locale n'a pas de conversation à ouvrir : le membre doit l'avoir ouverte")));
}
