using System.Text.Json;
using System.Text.Json.Serialization;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Delivery;

/// <summary>The neutral reply as stored in the outbox: rendered for its channel only when it is sent.</summary>
public static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    public static Reply? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<Reply>(json, Options); }
        catch (JsonException) { return null; }
    }
}
