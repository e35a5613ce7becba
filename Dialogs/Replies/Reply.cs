namespace Communaute.Dialogs.Replies;

/// <summary>
/// One message from the bot, independent of any channel. Renderers turn it into an
/// Adaptive Card (Teams, web chat), Block Kit (Slack) or plain text (terminal).
/// </summary>
public sealed record Reply
{
    /// <summary>Text with light markdown: **bold**, _italic_, [label](url), "- " lists.</summary>
    public string? Text { get; init; }

    public Card? Card { get; init; }

    /// <summary>Follow-ups offered as buttons under the message; clicking one is the same as typing its value.</summary>
    public IReadOnlyList<Choice> SuggestedActions { get; init; } = [];

    /// <summary>Who reads it when the conversation is shared.</summary>
    public ReplyAudience Audience { get; init; } = ReplyAudience.Conversation;

    public static Reply Say(string text) => new() { Text = text };

    public static Reply Show(Card card) => new() { Card = card };
}
