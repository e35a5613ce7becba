using Communaute.Knowledge.Model;
using Communaute.Knowledge.Understanding;

namespace Communaute.Knowledge.Answering;

public enum AnswerKind
{
    /// <summary>A passage answers the question.</summary>
    Answer,

    /// <summary>The best passages are right for part of the question: they are offered, cited ("Voici ce qui s'en rapproche").</summary>
    Partial,

    /// <summary>Nothing in the base answers it: the bot says so and logs it for curators.</summary>
    Abstain,

    /// <summary>The base is on the subject but lacks the detail asked (a figure, a date…): said plainly, with the passage cited.</summary>
    MissingDetail,

    /// <summary>Asked what something is, and the base only mentions it: said plainly, with the passages that mention it.</summary>
    NotDefined,

    /// <summary>The question has no words the bot can search on ("?", "qu'est-ce que c'est").</summary>
    Unclear,

    /// <summary>Conversation, not a question ("merci", "qui es-tu ?", "👍"): never searched, never logged for curators.</summary>
    SmallTalk,
}

/// <summary>A cited passage behind an answer.</summary>
public sealed record AnswerSource(KnowledgeEntry Entry, string Excerpt, double Score);

/// <summary>What the knowledge Q&amp;A answers to one question, before any channel renders it.</summary>
public sealed record KnowledgeAnswer
{
    public required string Question { get; init; }
    public required AnswerKind Kind { get; init; }

    /// <summary>True for an answer or a partial one (both quote the base); false for every kind of abstention.</summary>
    public bool Answered => Kind is AnswerKind.Answer or AnswerKind.Partial;

    /// <summary>True when the base has a gap the curators should see (the question goes to their list).</summary>
    public bool IsGap => Kind is AnswerKind.Abstain or AnswerKind.MissingDetail or AnswerKind.NotDefined;

    /// <summary>The answer text (plain text, may hold line breaks), or the reason for not answering.</summary>
    public required string Text { get; init; }

    /// <summary>A line said before the answer (e.g. that an English question is answered in French).</summary>
    public string? Note { get; init; }

    /// <summary>The passages quoted, best first; the first is the one cited.</summary>
    public IReadOnlyList<AnswerSource> Sources { get; init; } = [];

    /// <summary>Close candidates the member may have meant ("vouliez-vous dire…").</summary>
    public IReadOnlyList<KnowledgeEntry> Alternatives { get; init; } = [];

    /// <summary>Follow-up questions to offer as buttons.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>For small talk, what kind it is (the chat has its own short answers).</summary>
    public SmallTalkKind SmallTalk { get; init; }

    /// <summary>True when the text was written by the configured AI model from the passages.</summary>
    public bool WrittenByAi { get; init; }

    /// <summary>How the decision was reached (ask --explain).</summary>
    public AnswerDecision? Decision { get; init; }

    public double ElapsedMs { get; init; }
}
