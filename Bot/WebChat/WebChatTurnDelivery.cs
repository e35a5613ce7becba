using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The page's replies to its own turns: appended to the conversation's transcript in the turn's transaction (the page
/// shows them from the answer to its request, or from the transcript after a reload), their outbox rows recorded as sent.
/// </summary>
public sealed class WebChatTurnDelivery(WebChatTranscript transcript) : IInProcessDelivery
{
    public string Channel => WebChatEndpoints.Channel;

    public async Task<IReadOnlyList<string?>> DeliverAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken ct) =>
        (await transcript.AppendBotRepliesAsync(conversation.ChannelConversationId, replies, ct))
            .Select(m => (string?)m.Id.ToString(CultureInfo.InvariantCulture)).ToList();
}
