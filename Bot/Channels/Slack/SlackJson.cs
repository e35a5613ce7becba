using System.Text.Json.Nodes;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Reading Slack's JSON without trusting its shape: a path through objects (and array positions) that stops at the
/// first node of the wrong kind, instead of the indexers' exceptions on a payload that is signed but malformed.
/// </summary>
public static class SlackJson
{
    private static readonly System.Text.Json.JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>A JSON object, or null when the text is not one (a duplicated key makes it not one: it would throw later).</summary>
    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8)
    {
        try { return JsonNode.Parse(utf8, documentOptions: Strict) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    public static JsonObject? ParseObject(string text)
    {
        try { return JsonNode.Parse(text, documentOptions: Strict) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    /// <summary>The node at the path ("user", "id"), or null when any step is missing or not an object.</summary>
    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return null;
        }
        return node;
    }

    /// <summary>The i-th element of an array, or null.</summary>
    public static JsonNode? At(JsonNode? node, int index) => node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;

    /// <summary>The string at the path, or null when it is missing or not a string.</summary>
    public static string? Str(JsonNode? node, params string[] path) =>
        Get(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static JsonObject? Obj(JsonNode? node, params string[] path) => Get(node, path) as JsonObject;

    public static bool True(JsonNode? node, params string[] path) =>
        Get(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
