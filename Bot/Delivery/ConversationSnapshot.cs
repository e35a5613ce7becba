using System.Text.Json;
using Communaute.Bot.Storage;

namespace Communaute.Bot.Delivery;

/// <summary>
/// What a channel needs to reach a conversation (its ids and reference), kept in an outbox row whose conversation the
/// same turn erased: the erasure's confirmation is delivered, then nothing of the conversation stays but that row.
/// </summary>
public sealed record ConversationSnapshot(string Channel, string ChannelConversationId, bool IsGroup, string? ReferenceJson)
{
    public static ConversationSnapshot Of(Conversation c) => new(c.Channel, c.ChannelConversationId, c.IsGroup, c.ReferenceJson);

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>A detached conversation for the sender (never saved).</summary>
    public static Conversation? Restore(string? json, long? id)
    {
        if (string.IsNullOrEmpty(json) || JsonSerializer.Deserialize<ConversationSnapshot>(json) is not { } s) return null;
        return new Conversation { Id = id ?? 0, Channel = s.Channel, ChannelConversationId = s.ChannelConversationId, IsGroup = s.IsGroup, ReferenceJson = s.ReferenceJson };
    }
}
