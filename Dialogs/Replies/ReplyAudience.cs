namespace Communaute.Dialogs.Replies;

/// <summary>Who reads a reply given in a shared conversation (a Teams or Slack channel, a group chat).</summary>
public enum ReplyAudience
{
    /// <summary>Everyone in the conversation (an answer to a question asked there, a session card).</summary>
    Conversation,

    /// <summary>
    /// The member who took the turn, alone: confirmations, booking cards, calendar links, forms, refusals, personal data.
    /// Slack shows a text as an ephemeral message in the conversation and a card (which must last) in the member's
    /// direct messages; Teams sends it to the member's 1:1 chat. In a 1:1 conversation or on the page, nothing changes.
    /// </summary>
    Member,
}
