using System.Text.Json;
using System.Text.Json.Serialization;

namespace Communaute.Bot.Channels.Teams;

/// <summary>The Bot Framework Activity, limited to the fields this bot reads or writes.</summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Action { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? LocalTimezone { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<JsonElement>? Entities { get; set; }
    public List<ChannelAccount?>? MembersAdded { get; set; }
    public JsonElement? Value { get; set; }
    public JsonElement? ChannelData { get; set; }
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonElement? Content { get; set; }
}

/// <summary>Serializer settings of the Bot Framework wire format (camelCase, nulls left out).</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A key given twice is refused (400) rather than one of the two silently kept, or a JsonObject throwing later.
        AllowDuplicateProperties = false,
    };
}
