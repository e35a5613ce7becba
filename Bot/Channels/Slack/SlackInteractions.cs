using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels.Slack;

/// <summary>Reads what a clicked button stands for: the same __text / __prompt keys as an Adaptive Card's Action.Submit.</summary>
public static class SlackInteractions
{
    public static bool IsKnownAction(string? actionId) =>
        actionId is not null && (actionId.StartsWith(SlackBlockKitRenderer.ChoiceActionPrefix, StringComparison.Ordinal)
                                 || actionId == SlackBlockKitRenderer.OpenFormAction);

    /// <summary>
    /// (text, prompt id, typed intent's keys) of a button value, read as an Adaptive Card's data is
    /// (<see cref="SubmitData.Read"/>); a value that is not ours is taken as typed text.
    /// </summary>
    public static (string? Text, string? PromptId, Dictionary<string, string> Data) ReadChoice(JsonObject action)
    {
        var value = SlackJson.Str(action, "value") ?? SlackJson.Str(action, "selected_option", "value");
        if (value is null) return (null, null, []);
        if (value.StartsWith('{') && SlackJson.ParseObject(value) is { } data)
        {
            try { return SubmitData.Read(JsonSerializer.SerializeToElement<JsonNode>(data)); }
            catch (ArgumentException) { return (SlackJson.Str(data, SubmitData.TextKey), SlackJson.Str(data, SubmitData.PromptKey), []); }
        }
        return (value, null, []);
    }
}

/// <summary>What a modal carries in private_metadata: the stored form and where to answer.</summary>
public sealed record SlackFormContext(string FormId, string? Channel, string? ThreadTs, bool Ephemeral, string? ResponseUrl)
{
    public string ToJson() => new JsonObject
    {
        ["form"] = FormId,
        ["channel"] = Channel,
        ["thread"] = ThreadTs,
        ["ephemeral"] = Ephemeral,
        ["response_url"] = ResponseUrl,
    }.ToJsonString();

    public static SlackFormContext? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json) || SlackJson.ParseObject(json) is not { } o || SlackJson.Str(o, "form") is not { } form) return null;
        return new SlackFormContext(form, SlackJson.Str(o, "channel"), SlackJson.Str(o, "thread"), SlackJson.True(o, "ephemeral"), SlackJson.Str(o, "response_url"));
    }
}
