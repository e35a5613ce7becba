using System.Text.Json;
using Communaute.Knowledge.Search;

namespace Communaute.Knowledge.Answering;

/// <summary>
/// When the bot answers, offers what comes close, or abstains. The thresholds are chosen on data by
/// <c>eval --calibrate</c> (written to <see cref="FileName"/> in the knowledge folder); configuration may override them.
/// Coverage is the IDF-weighted share of the question's concepts found in a passage: an out-of-scope question
/// ("gâteau au chocolat", "président des États-Unis") leaves its rarest words unmatched.
/// </summary>
public sealed record AnswerPolicy
{
    public const string FileName = "seuils.json";

    /// <summary>Coverage of the best passage from which the bot answers with it (a confident answer).</summary>
    public double MinCoverage { get; set; } = 0.6;

    /// <summary>Coverage from which the bot offers the closest passages ("Voici ce qui s'en rapproche") instead of abstaining.</summary>
    public double PartialCoverage { get; set; } = 0.5;

    /// <summary>
    /// The same for a long question (<see cref="LongQuestionConcepts"/> concepts or more). A member who describes their
    /// situation says much the passage does not need to hold (« notre asso tourne bien à Marseille depuis cinq ans… »):
    /// a passage on its subject covers a smaller share of it than of a short question. Null: as short questions.
    /// </summary>
    public double? PartialCoverageLong { get; set; }

    /// <summary>How many concepts make a question long (<see cref="PartialCoverageLong"/>).</summary>
    public int LongQuestionConcepts { get; set; } = 8;

    /// <summary>The coverage from which close passages are offered, for this question.</summary>
    public double PartialFor(AnalysedQuery query) =>
        PartialCoverageLong is { } longer && query.Concepts.Count(c => !c.Context) >= LongQuestionConcepts ? longer : PartialCoverage;

    /// <summary>
    /// Minimum BM25 score of the best passage. A short question can be "covered" by one common word
    /// ("Combien font 17 multiplié par 23 ?" meets "porteurs multiples"); real answers score far above this.
    /// </summary>
    public double MinLexicalScore { get; set; } = 10;

    /// <summary>Weight of a question word the base has never seen (after spelling correction). Null: rarer than any term of the base.</summary>
    public double? UnknownWordWeight { get; set; } = 4.0;

    /// <summary>Share of its weight an everyday word keeps (mots-courants.txt).</summary>
    public double CommonWordFactor { get; set; } = 0.25;

    /// <summary>A close second (score ratio at least this) is offered as "vouliez-vous dire…".</summary>
    public double AlternativeRatio { get; set; } = 0.8;

    /// <summary>Longest quoted answer, in characters, before trimming to the sentences that answer.</summary>
    public int MaxAnswerLength { get; set; } = 700;

    /// <summary>How the last calibration went (shown by ask --explain); null for hand-set policies.</summary>
    public string? Calibration { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public QueryWeights Weights => new(UnknownWordWeight, CommonWordFactor) { LongQuestionConcepts = LongQuestionConcepts };

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The calibrated policy of a knowledge folder, or null when it has none (or an unreadable one).</summary>
    public static AnswerPolicy? ReadCalibrated(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<AnswerPolicy>(File.ReadAllText(path)); }
        catch (JsonException) { return null; }
    }

    public void WriteCalibrated(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}
