using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels.Teams;

public static class TeamsChannel
{
    public const string ChannelId = "msteams";
}

/// <summary>Turns a Teams message (typed, or an Action.Submit / Action.Execute click) into the pipeline's neutral turn.</summary>
public static partial class TeamsTurnMapper
{
    public static IncomingTurn ToTurn(Activity activity, JsonElement? submitData)
    {
        // Same reading as the web chat: reserved keys are the click, every other key a form input.
        var (clicked, prompt, form) = submitData is { } data ? SubmitData.Read(data) : (null, null, new Dictionary<string, string>());
        var text = clicked ?? StripMentions(activity);
        var conversation = activity.Conversation!;
        return new IncomingTurn
        {
            Channel = TeamsChannel.ChannelId,
            ConversationId = conversation.Id!,
            UserId = activity.From!.Id!,
            UserName = activity.From.Name,
            Text = text,
            FormValues = form,
            PromptId = prompt,
            IsGroup = IsGroup(conversation),
            TimeZone = TimeZoneOf(activity),
            ConversationReference = TeamsConversationReference.From(activity).ToJson(),
            MessageId = activity.Id,
        };
    }

    public static bool IsGroup(ConversationAccount conversation) =>
        conversation.IsGroup == true || conversation.ConversationType is "channel" or "groupChat";

    /// <summary>The data of a click: Action.Submit puts it in value; Action.Execute in value.action.data.</summary>
    public static JsonElement? ExecuteData(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("data", out var data) ? data : null;

    /// <summary>Removes the bot's own &lt;at&gt;…&lt;/at&gt; mention (in channels every message to the bot carries one).</summary>
    public static string? StripMentions(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.ValueKind != JsonValueKind.Object) continue;
            // Entities come from the sender: any member may be of any JSON type.
            if (!entity.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "mention") continue;
            var mentionedId = entity.TryGetProperty("mentioned", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("id", out var mid) && mid.ValueKind == JsonValueKind.String ? mid.GetString() : null;
            if (mentionedId is null || mentionedId != activity.Recipient?.Id) continue;
            if (entity.TryGetProperty("text", out var mentionText) && mentionText.ValueKind == JsonValueKind.String && mentionText.GetString() is { Length: > 0 } t)
                text = text.Replace(t, " ", StringComparison.Ordinal);
        }
        if (activity.Recipient?.Name is { Length: > 0 } botName)
            text = text.Replace($"<at>{botName}</at>", " ", StringComparison.Ordinal);
        text = WebUtility.HtmlDecode(Tags().Replace(text, " "));
        return Spaces().Replace(text, " ").Trim();
    }

    private static string? TimeZoneOf(Activity activity)
    {
        foreach (var entity in activity.Entities ?? [])
            if (entity.ValueKind == JsonValueKind.Object && entity.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "clientInfo"
                && entity.TryGetProperty("timezone", out var zone) && zone.ValueKind == JsonValueKind.String)
                return zone.GetString();
        return activity.LocalTimezone;
    }

    // Teams may wrap typed text in HTML (<p>, <div>); the pipeline wants plain words.
    [GeneratedRegex("<[^>]{1,200}>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
