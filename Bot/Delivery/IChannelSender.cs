using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// A channel's half of the outbox: renders a neutral reply for the channel and makes the one platform call that
/// delivers (or updates, or deletes) it, reporting what happened. No retries inside: the outbox records every
/// attempt before it is made and schedules the next one. One per channel ("msteams", "slack", "webchat").
/// </summary>
public interface IChannelSender
{
    string Channel { get; }

    /// <summary>How fast one conversation may receive messages (the platform's per-conversation limits).</summary>
    SendPacing Pacing { get; }

    Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct);

    Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct);

    Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct);

    /// <summary>Opens (or finds) the member's 1:1 conversation on the platform and stores it.</summary>
    Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct);
}

/// <summary>At least <see cref="MinInterval"/> between two messages, and at most <see cref="MaxInWindow"/> per <see cref="Window"/>.</summary>
public sealed record SendPacing(TimeSpan MinInterval, int MaxInWindow = 0, TimeSpan Window = default)
{
    public static readonly SendPacing None = new(TimeSpan.Zero);
}

/// <summary>What a channel sender is asked to deliver.</summary>
/// <param name="Row">The outbox row (its key, route, progress).</param>
/// <param name="Conversation">The stored conversation it goes to.</param>
/// <param name="Reply">The reply to render (Send, Update).</param>
/// <param name="Original">Update, Delete: the message sent earlier.</param>
/// <param name="PossiblyDeliveredSince">Set when an earlier attempt may have reached the platform (check before sending again).</param>
/// <param name="PartSentAsync">Records that one more part of a split message went out, with its platform id.</param>
public sealed record OutboundMessage(
    OutboxMessage Row,
    Conversation Conversation,
    Reply? Reply,
    OutboxMessage? Original,
    Instant? PossiblyDeliveredSince,
    Func<string?, Task> PartSentAsync);

/// <summary>The outcome of one delivery attempt.</summary>
public abstract record DeliveryResult
{
    /// <summary>Delivered; the platform's ids of the message, for later updates.</summary>
    public sealed record Sent(string? PlatformMessageId, string? PlatformConversationId) : DeliveryResult;

    /// <summary>Not delivered now; try again after <paramref name="After"/> (Retry-After) or a backoff.</summary>
    /// <param name="Ambiguous">The platform may have received it (timeout, 502/504): check before sending again where possible.</param>
    public sealed record Retry(string Reason, TimeSpan? After = null, bool Ambiguous = false) : DeliveryResult;

    /// <summary>Will never work (conversation gone, message refused): parked with its kind, and the reason for facilitators.</summary>
    public sealed record Park(OutboxFailureKind Kind, string Reason) : DeliveryResult;
}

/// <summary>A 1:1 conversation opened by a channel, or why it could not be.</summary>
public sealed record DirectConversation(Conversation? Conversation, DeliveryResult? Failure)
{
    public static DirectConversation Opened(Conversation conversation) => new(conversation, null);
    public static DirectConversation Failed(DeliveryResult failure) => new(null, failure);
}
