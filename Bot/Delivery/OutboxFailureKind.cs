namespace Communaute.Bot.Delivery;

/// <summary>
/// Why the outbox gave a message up, classified where the platform's answer is read (channel senders, outbox), so
/// that features act on it without reading the reason's wording. The reason itself (<see cref="OutboxMessage.LastError"/>)
/// keeps the platform's answer for people.
/// </summary>
public enum OutboxFailureKind
{
    /// <summary>Not given up (pending or sent).</summary>
    None,

    /// <summary>Passing errors (5xx, 429, timeouts, token refusals) until the last attempt.</summary>
    TransientExhausted,

    /// <summary>The bot can no longer write there: removed from the conversation, conversation deleted or archived, member gone.</summary>
    TargetGone,

    /// <summary>The platform refuses the app the right to do it (token type, missing scope, restricted channel).</summary>
    Forbidden,

    /// <summary>The platform (or the outbox) cannot accept the message's content (invalid blocks, too long, unreadable).</summary>
    InvalidPayload,

    /// <summary>An update or deletion of a message that was never sent, or is no longer there.</summary>
    OriginalMissing,

    /// <summary>An earlier attempt may have arrived and the platform gives no way to check: set aside rather than risk a duplicate.</summary>
    Uncertain,

    /// <summary>Refused for another reason (or no sender for the channel).</summary>
    Refused,
}
