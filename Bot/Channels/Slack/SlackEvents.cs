using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Communaute.Bot.Channels.Slack;

public enum SlackEventRelevance { Relevant, FromBot, Edit, NotDirect, Unsupported, Incomplete }

/// <summary>Which events the bot answers: mentions in channels and direct messages from people, nothing else.</summary>
public static partial class SlackEvents
{
    public static SlackEventRelevance Classify(JsonObject ev, string? botUserId)
    {
        var type = SlackInbound.Str(ev["type"]);
        if (type is not ("app_mention" or "message")) return SlackEventRelevance.Unsupported;
        if (ev["bot_id"] is not null || ev["bot_profile"] is not null) return SlackEventRelevance.FromBot;
        var user = SlackInbound.Str(ev["user"]);
        if (user is not null && user == botUserId) return SlackEventRelevance.FromBot;
        var subtype = SlackInbound.Str(ev["subtype"]);
        if (subtype is "bot_message") return SlackEventRelevance.FromBot;
        if (subtype is not null || ev["edited"] is not null) return SlackEventRelevance.Edit;
        if (type == "message" && SlackInbound.Str(ev["channel_type"]) != "im") return SlackEventRelevance.NotDirect;
        if (user is null || SlackInbound.Str(ev["channel"]) is null || SlackInbound.Str(ev["ts"]) is null) return SlackEventRelevance.Incomplete;
        return SlackEventRelevance.Relevant;
    }

    /// <summary>The bot's user id: configured, or the one Slack names in the event's authorizations.</summary>
    public static string? BotUserId(JsonObject envelope, SlackOptions options) =>
        !string.IsNullOrEmpty(options.BotUserId) ? options.BotUserId
        : SlackJson.Str(SlackJson.At(SlackJson.Get(envelope, "authorizations"), 0), "user_id");

    /// <summary>The text a member typed: the bot's mention (and any leading mention) removed, Slack's escaping undone.</summary>
    public static string CleanText(string? text, string? botUserId)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = SlackMrkdwn.Bound(text, SlackMrkdwn.MaxInputLength);
        text = Mention().Replace(text, m => m.Groups[1].Value == botUserId ? " " : m.Value);
        text = LeadingMentions().Replace(text, "");
        return SlackMrkdwn.Unescape(text).Trim();
    }

    [GeneratedRegex(@"<@([A-Z0-9]+)(\|[^>]*)?>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"^(\s*<@[A-Z0-9]+(\|[^>]*)?>)+")]
    private static partial Regex LeadingMentions();
}
