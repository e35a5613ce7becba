using Communaute.Bot.Channels;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.WebChat;

/// <summary>Proactive messages to the chat page: delivered by appending them to the conversation's transcript.</summary>
public sealed class WebChatConnector(WebChatTranscript transcript) : IChannelConnector
{
    public string Channel => WebChatEndpoints.Channel;

    public async Task SendAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken cancellationToken) =>
        await transcript.AppendBotRepliesAsync(conversation.ChannelConversationId, replies, cancellationToken);

    /// <summary>The page's conversation is the member's 1:1 conversation; there is no other to open.</summary>
    public Task<Conversation?> OpenDirectAsync(Member member, CancellationToken cancellationToken) => Task.FromResult<Conversation?>(null);
}
