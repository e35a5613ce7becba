using System.Text.Json;

namespace Communaute.Bot.Channels.Teams;

/// <summary>
/// How an outbox message reaches Teams beyond its stored conversation: the activity it replies to and the person it
/// answers, or, for a 1:1 still to open, the service and tenant to open it with.
/// </summary>
public sealed record TeamsRoute
{
    public string? ReplyToId { get; init; }
    public ChannelAccount? To { get; init; }
    public string? ServiceUrl { get; init; }
    public string? TenantId { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ActivityJson.Options);

    public static TeamsRoute? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<TeamsRoute>(json, ActivityJson.Options); }
        catch (JsonException) { return null; }
    }

    /// <summary>What opening a 1:1 with someone the activity names needs (a member added to a team).</summary>
    public static TeamsRoute OpeningFrom(Activity activity) => new()
    {
        ServiceUrl = activity.ServiceUrl,
        TenantId = TeamsConversationReference.From(activity).TenantId,
        BotId = activity.Recipient?.Id,
        BotName = activity.Recipient?.Name,
    };
}
