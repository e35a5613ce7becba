using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Delivery;

/// <summary>
/// A surface whose member waits in this process for the turn's replies (the page): the replies are delivered in the
/// turn's own transaction (the page's transcript), and their outbox rows are recorded as sent there. Surfaces without
/// one (the terminal, tests) read the replies from the waiter alone.
/// </summary>
public interface IInProcessDelivery
{
    string Channel { get; }

    /// <summary>Delivers the replies; the platform id of each (the transcript message ids).</summary>
    Task<IReadOnlyList<string?>> DeliverAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken ct);
}
