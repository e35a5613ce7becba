using Communaute.Knowledge.Model;

namespace Communaute.Knowledge.Answering;

public enum AnswerKind
{
    /// <summary>A passage answers the question.</summary>
    Answer,

    /// <summary>Nothing in the base answers it: the bot says so and logs it for curators.</summary>
    Abstain,

    /// <summary>The question has no words the bot can search on ("?", "qu'est-ce que c'est").</summary>
    Unclear,
}

/// <summary>A cited passage behind an answer.</summary>
public sealed record AnswerSource(KnowledgeEntry Entry, string Excerpt, double Score);

/// <summary>What the knowledge Q&amp;A answers to one question, before any channel renders it.</summary>
public sealed record KnowledgeAnswer
{
    public required string Question { get; init; }
    public required AnswerKind Kind { get; init; }
    public bool Answered => Kind == AnswerKind.Answer;

    /// <summary>The answer text (plain text, may hold line breaks), or the reason for not answering.</summary>
    public required string Text { get; init; }

    /// <summary>The passages quoted, best first; the first is the one cited.</summary>
    public IReadOnlyList<AnswerSource> Sources { get; init; } = [];

    /// <summary>Close candidates the member may have meant ("vouliez-vous dire…").</summary>
    public IReadOnlyList<KnowledgeEntry> Alternatives { get; init; } = [];

    /// <summary>Follow-up questions to offer as buttons.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>True when the text was written by the configured AI model from the passages.</summary>
    public bool WrittenByAi { get; init; }

    public double ElapsedMs { get; init; }
}
