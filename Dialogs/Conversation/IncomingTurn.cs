namespace Communaute.Dialogs.Conversation;

/// <summary>
/// What a member said or clicked, as every channel adapter hands it to the turn pipeline.
/// Features never see a channel's JSON.
/// </summary>
public sealed record IncomingTurn
{
    /// <summary>"webchat", "terminal", "msteams", "slack", …</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's conversation id (a Teams conversation, a Slack channel or DM, a web chat session).</summary>
    public required string ConversationId { get; init; }

    /// <summary>The channel's user id.</summary>
    public required string UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>Typed text (mentions stripped) or the value of a clicked choice.</summary>
    public string? Text { get; init; }

    /// <summary>Values of a submitted form, by input id (reserved keys removed).</summary>
    public IReadOnlyDictionary<string, string> FormValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The prompt a click or form answers, when it came from a card.</summary>
    public string? PromptId { get; init; }

    /// <summary>True in a channel or group chat, false in a 1:1 conversation.</summary>
    public bool IsGroup { get; init; }

    /// <summary>The IANA time zone the channel reports for the member, if any.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// What the channel adapter needs to write to this conversation later (proactive messages), as its own JSON;
    /// stored with the conversation on every turn. Null keeps what is stored.
    /// </summary>
    public string? ConversationReference { get; init; }

    /// <summary>
    /// The channel's own id of this message (Teams activity id, Slack event id or message ts, a web chat message id),
    /// when it has one: the inbox dedupes on it, and a dialog ignores a second turn with the same id.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// For typed text: the prompt (the <c>PromptId</c> of the last card) the member had in front of them when typing,
    /// when the channel knows it (the web page sends its last card's; a reply to a card message names it). A dialog
    /// applies a typed answer only while that prompt is still its current question, as it does for clicks.
    /// </summary>
    public string? ShownPromptId { get; init; }

    /// <summary>True when the input came from a button or form rather than typed text.</summary>
    public bool IsClick => PromptId is not null || FormValues.Count > 0;
}
