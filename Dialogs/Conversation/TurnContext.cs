using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Dialogs.Conversation;

/// <summary>One turn being handled: who, where, what, when, and the replies collected so far.</summary>
public sealed class TurnContext(IncomingTurn turn, MemberInfo member, long conversationId, Instant now)
{
    public IncomingTurn Turn { get; } = turn;
    public MemberInfo Member { get; } = member;

    /// <summary>The bot's own id of the stored conversation.</summary>
    public long ConversationId { get; } = conversationId;

    public Instant Now { get; } = now;

    /// <summary>The turn's text, cleaned by the pipeline (trimmed, control characters removed, length capped).</summary>
    public string Text { get; init; } = "";

    /// <summary>True when the pipeline had to shorten the text.</summary>
    public bool TextWasTruncated { get; init; }

    public List<Reply> Replies { get; } = [];

    public void Say(string text) => Replies.Add(Reply.Say(text));

    public void Send(Reply reply) => Replies.Add(reply);
}
