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
}
