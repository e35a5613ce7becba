using Communaute.Knowledge.Search;
using Communaute.Knowledge.Understanding;

namespace Communaute.Knowledge.Answering;

/// <summary>How a message was read before searching: small talk or not, English or not, the normalised text, the asking part, the intent, the concepts.</summary>
public sealed record QuestionReading(
    string Question,
    SmallTalkKind SmallTalk,
    bool English,
    string Normalized,
    IReadOnlyList<string> Rewrites,
    string Asking,
    string Context,
    QuestionIntent Intent,
    AnalysedQuery Query)
{
    /// <summary>Names, places and years the question is about that the base never mentions ("Guadeloupe", "2024").</summary>
    public IReadOnlyList<string> UnknownNames { get; init; } = [];
}

/// <summary>Why the bot answered, offered candidates or abstained: shown to curators by ask --explain.</summary>
public sealed record AnswerDecision(QuestionReading Reading, IReadOnlyList<SearchHit> Hits, AnswerPolicy Policy, string Reason);
