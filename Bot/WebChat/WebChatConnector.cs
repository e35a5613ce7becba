using System.Text.Json.Nodes;
using Communaute.Bot.Channels;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.WebChat;

/// <summary>Proactive messages to the local chat page: kept in the outbox table until the page fetches them.</summary>
public sealed class WebChatConnector(BotDbContext db, IClock clock) : IChannelConnector
{
    public string Channel => WebChatEndpoints.Channel;

    public async Task SendAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
            db.WebChatOutbox.Add(new WebChatOutboxMessage
            {
                ConversationId = conversation.ChannelConversationId,
                PayloadJson = WebChatEndpoints.ToJson(reply).ToJsonString(),
                CreatedAt = clock.GetCurrentInstant(),
            });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The page's conversation is the member's 1:1 conversation; there is no other to open.</summary>
    public Task<Conversation?> OpenDirectAsync(Member member, CancellationToken cancellationToken) => Task.FromResult<Conversation?>(null);
}
