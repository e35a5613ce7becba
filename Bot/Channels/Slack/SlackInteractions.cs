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

    /// <summary>(text, prompt id) of a button value; a value that is not ours is taken as typed text.</summary>
    public static (string? Text, string? PromptId) ReadChoice(JsonObject action)
    {
        var value = SlackInbound.Str(action["value"]) ?? SlackInbound.Str(action["selected_option"]?["value"]);
        if (value is null) return (null, null);
        if (value.StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(value) is JsonObject data)
                    return (SlackInbound.Str(data[SubmitData.TextKey]), SlackInbound.Str(data[SubmitData.PromptKey]));
            }
            catch (JsonException) { }
        }
        return (value, null);
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
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o || SlackInbound.Str(o["form"]) is not { } form) return null;
            return new SlackFormContext(form, SlackInbound.Str(o["channel"]), SlackInbound.Str(o["thread"]),
                o["ephemeral"] is JsonValue e && e.TryGetValue<bool>(out var b) && b, SlackInbound.Str(o["response_url"]));
        }
        catch (JsonException) { return null; }
    }
}
