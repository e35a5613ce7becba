namespace Communaute.Dialogs.Conversation;

/// <summary>
/// The order in which features see a turn, declared once: the first that takes the turn answers it (a questionnaire in
/// progress, then commands, then small talk, then questions and answers). Each feature's <see cref="ITurnFeature.Order"/>
/// is its line here; two features on one line stop the start (<c>TurnRouting.Check</c>).
/// </summary>
public static class TurnOrder
{
    /// <summary>A questionnaire in progress takes what is said to it first.</summary>
    public const int Dialog = 10;
    public const int Help = 100;
    public const int Privacy = 150;
    public const int Characterisation = 200;
    public const int ForwardQuestion = 210;
    public const int DigestTarget = 240;
    public const int AnswerProposal = 245;
    public const int Digest = 250;
    public const int Sessions = 300;
    public const int Curator = 305;
    public const int FailedMessages = 310;
    public const int SmallTalk = 900;
    public const int UnknownCommand = 950;

    /// <summary>Whatever no command took is a question for the knowledge base.</summary>
    public const int Knowledge = 1000;
}
