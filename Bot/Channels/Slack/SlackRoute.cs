using System.Text.Json;
using System.Text.Json.Serialization;

namespace Communaute.Bot.Channels.Slack;

/// <summary>Where in a Slack conversation an answer goes: a thread, an ephemeral message to one person, a response_url.</summary>
public sealed record SlackRoute(string? ThreadTs = null, bool Ephemeral = false, string? UserId = null, string? ResponseUrl = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SlackRoute? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<SlackRoute>(json, Json); }
        catch (JsonException) { return null; }
    }
}
