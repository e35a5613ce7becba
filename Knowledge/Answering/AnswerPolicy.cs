namespace Communaute.Knowledge.Answering;

/// <summary>
/// When the best passage is good enough to answer. Calibrated on the share of the question it covers:
/// an out-of-scope question ("gâteau au chocolat", "président des États-Unis") leaves its rarest words unmatched.
/// </summary>
public sealed record AnswerPolicy
{
    /// <summary>Minimum IDF-weighted share of the question's concepts found in the best passage.</summary>
    public double MinCoverage { get; init; } = 0.6;

    /// <summary>
    /// Minimum BM25 score of the best passage. A short question can be "covered" by one common word
    /// ("Combien font 17 multiplié par 23 ?" meets "porteurs multiples"); real answers score far above this.
    /// </summary>
    public double MinLexicalScore { get; init; } = 10;

    /// <summary>
    /// Weight of a question word the base has never seen (after spelling correction), about the IDF of a rare term. Null: the IDF of a term
    /// rarer than any in the base. Lower values forgive paraphrases; higher ones abstain more readily.
    /// </summary>
    public double? UnknownWordWeight { get; init; } = 4.0;

    /// <summary>A close second (score ratio at least this) is offered as "vouliez-vous dire…".</summary>
    public double AlternativeRatio { get; init; } = 0.8;

    /// <summary>Longest quoted answer, in characters, before trimming to the sentences that answer.</summary>
    public int MaxAnswerLength { get; init; } = 700;
}
