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

    private string _text = "";

    /// <summary>The turn's text, cleaned by the pipeline (trimmed, control characters removed, length capped).</summary>
    public string Text { get => _text; init => _text = value; }

    /// <summary>
    /// The turn now stands for <paramref name="text"/> for the features after the caller: a command the member confirmed
    /// (« Oui » to « Vous voulez « Sessions » ? ») is handled as if they had typed it.
    /// </summary>
    public void Reinterpret(string text) => _text = text;

    /// <summary>True when the pipeline had to shorten the text.</summary>
    public bool TextWasTruncated { get; init; }

    public List<Reply> Replies { get; } = [];

    /// <summary>
    /// Who the replies added from now on are for, when the conversation is shared. Features that answer personal
    /// commands (bookings, personal data, introductions, refusals) call <see cref="Privately"/> before replying.
    /// </summary>
    public ReplyAudience Audience { get; private set; } = ReplyAudience.Conversation;

    /// <summary>The rest of this turn's replies are for the member alone.</summary>
    public TurnContext Privately()
    {
        Audience = ReplyAudience.Member;
        return this;
    }

    public void Say(string text) => Send(Reply.Say(text));

    public void Send(Reply reply) => Replies.Add(Audience == ReplyAudience.Member ? reply with { Audience = ReplyAudience.Member } : reply);
}
