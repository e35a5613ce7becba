using System.Text.Json;

namespace Communaute.Bot.Channels.Teams;

/// <summary>What the bot needs to write to a Teams conversation later; stored as JSON with the conversation.</summary>
public sealed record TeamsConversationReference
{
    public required string ServiceUrl { get; init; }
    public required string ConversationId { get; init; }
    public string ChannelId { get; init; } = TeamsChannel.ChannelId;
    public string? TenantId { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? ConversationType { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ActivityJson.Options);

    public static TeamsConversationReference? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<TeamsConversationReference>(json, ActivityJson.Options); }
        catch (JsonException) { return null; }
    }

    public static TeamsConversationReference From(Activity activity) => new()
    {
        ServiceUrl = activity.ServiceUrl!,
        ConversationId = activity.Conversation!.Id!,
        ChannelId = activity.ChannelId ?? TeamsChannel.ChannelId,
        TenantId = activity.Conversation.TenantId ?? TenantOf(activity),
        BotId = activity.Recipient?.Id,
        BotName = activity.Recipient?.Name,
        UserId = activity.From?.Id,
        UserName = activity.From?.Name,
        ConversationType = activity.Conversation.ConversationType,
    };

    private static string? TenantOf(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString() : null;
}
