using System.Text.Json;

namespace Communaute.Dialogs.Replies;

/// <summary>
/// Reserved keys of the data a clicked button or submitted form carries back to the bot,
/// whatever the channel (Adaptive Card Action.Submit data, Slack action value, web chat post).
/// </summary>
public static class SubmitData
{
    /// <summary>The text the click stands for (a choice's value, a form's submit value).</summary>
    public const string TextKey = "__text";

    /// <summary>The <see cref="Card.PromptId"/> of the card the click came from.</summary>
    public const string PromptKey = "__prompt";

    /// <summary>
    /// Splits submitted data into the click's text, its prompt id and the form inputs (every other key).
    /// Strings are taken as they are, other values as their JSON text, nulls are dropped.
    /// </summary>
    public static (string? Text, string? PromptId, Dictionary<string, string> Form) Read(JsonElement data)
    {
        string? text = null, prompt = null;
        var form = new Dictionary<string, string>();
        if (data.ValueKind != JsonValueKind.Object) return (null, null, form);
        foreach (var property in data.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
            if (value is null) continue;
            if (property.Name == TextKey) text = value;
            else if (property.Name == PromptKey) prompt = value;
            else form[property.Name] = value;
        }
        return (text, prompt, form);
    }
}
