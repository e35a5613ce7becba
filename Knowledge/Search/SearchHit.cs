using Communaute.Knowledge.Model;

namespace Communaute.Knowledge.Search;

/// <summary>
/// A ranked entry. <see cref="Coverage"/> is the IDF-weighted share of the question's concepts the
/// entry contains (0–1); <see cref="TitleCoverage"/> the same over its title and alternative questions.
/// </summary>
public sealed record SearchHit(KnowledgeEntry Entry, double LexicalScore, double Coverage, double TitleCoverage, double Score)
{
    /// <summary>For a definition question, whether the entry is about the thing asked (its title names it).</summary>
    public bool DefinesSubject { get; init; }

    /// <summary>Which of the question's concepts the entry holds (bit i for concept i; near forms count).</summary>
    public ulong CoveredConcepts { get; init; }

    public bool Covers(int concept) => concept < 64 && (CoveredConcepts & (1UL << concept)) != 0;
}
