using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using NodaTime;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The outbox's sender for the local chat page: a proactive message is "delivered" by writing it where the page reads
/// (the web chat outbox table the page polls). The page shows what it received once: no edits, no deletions.
/// </summary>
public sealed class WebChatConnector(BotDbContext db, IClock clock) : IChannelSender
{
    public string Channel => WebChatEndpoints.Channel;

    public SendPacing Pacing => SendPacing.None;

    public async Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var row = new WebChatOutboxMessage
        {
            ConversationId = message.Conversation.ChannelConversationId,
            PayloadJson = WebChatEndpoints.ToJson(message.Reply!).ToJsonString(),
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.WebChatOutbox.Add(row);
        await db.SaveChangesAsync(ct);
        return new DeliveryResult.Sent(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.ConversationId);
    }

    public Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(message.Original?.PlatformMessageId, null));

    public Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(message.Original?.PlatformMessageId, null));

    /// <summary>The page's conversation is the member's 1:1 conversation; there is no other to open.</summary>
    public Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct) =>
        Task.FromResult(DirectConversation.Failed(new DeliveryResult.Park("la page locale n'a pas de conversation à ouvrir : le membre doit l'avoir ouverte")));
}
