using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels;

/// <summary>
/// Writes to a channel outside a turn (reminders, digests, promotions from a waitlist), from the
/// conversation reference stored on the last inbound turn. One per channel ("msteams", "slack", "webchat").
/// </summary>
public interface IChannelConnector
{
    string Channel { get; }

    /// <summary>Sends the replies, in order, to a stored conversation.</summary>
    Task SendAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken cancellationToken);

    /// <summary>Opens (or finds) a 1:1 conversation with the member and stores it; null when the channel cannot.</summary>
    Task<Conversation?> OpenDirectAsync(Member member, CancellationToken cancellationToken);
}
