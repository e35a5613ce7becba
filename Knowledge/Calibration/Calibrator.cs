using System.Diagnostics;
using System.Globalization;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;

namespace Communaute.Knowledge.Calibration;

/// <summary>What a calibration measured for one policy.</summary>
public sealed record CalibrationResult(AnswerPolicy Policy, double Recall, double Abstention, double ConfidentPrecision,
    int Answerable, int Unanswerable, IReadOnlyDictionary<string, (int Ok, int Total)> ByKind, TimeSpan Elapsed)
{
    /// <summary>A sample of the questions the chosen policy gets wrong, "kind | question → outcome", for curators.</summary>
    public IReadOnlyList<string> Misses { get; init; } = [];
}

/// <summary>
/// Chooses the answering policy on data: the question weights and thresholds that answer the most answerable questions
/// of the <see cref="CalibrationSet"/> (the right entry among the passages quoted or offered) while abstaining on at least
/// <see cref="AbstentionTarget"/> of the unanswerable ones (the best sum of both shares); then the lowest coverage from which the first passage is
/// right often enough (<see cref="PrecisionTarget"/>: the right entry cited first) to be given as a confident answer
/// rather than as candidates.
/// </summary>
/// <param name="time">The bot's clock: the calibration's summary is dated.</param>
public sealed class Calibrator(string folder, TimeProvider time)
{
    public double AbstentionTarget { get; init; } = 0.9;

    /// <summary>
    /// What the thresholds maximise: answering and abstaining count alike (balanced accuracy). Members' questions are
    /// as often missed by a threshold too strict as answered wrongly by one too loose; a floor on abstention
    /// (<see cref="AbstentionTarget"/>) keeps the bot honest.
    /// </summary>
    private static double Balanced(CalibrationResult r) => r.Recall + r.Abstention;
    public double PrecisionTarget { get; init; } = 0.8;

    /// <summary>The weights tried (each needs its own indexes); thresholds are searched for each.</summary>
    public IReadOnlyList<(double Unknown, double Common)> WeightGrid { get; init; } = [(4.0, 0.25), (3.0, 0.25), (5.0, 0.25), (4.0, 0.5)];

    private static readonly double[] Coverages = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
    private static readonly double[] LexicalScores = [0, 5, 10, 15, 20];

    /// <summary>Thresholds tried for long questions (never above the short questions' one).</summary>
    private static readonly double[] LongCoverages = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

    private sealed record Outcome(CalibrationQuestion Question, AnswerKind Kind, bool RightQuoted, bool RightFirst, double BestCoverage);

    public CalibrationResult Run(AnswerPolicy start, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var loaded = KnowledgeFolderLoader.Load(folder);
        using var full = KnowledgeIndex.Build(loaded.Entries, loaded.Lexicon, start.Weights);
        var set = CalibrationSet.Build(loaded.Entries, loaded.Lexicon, full.Vocabulary);
        progress?.Invoke($"jeu de calibrage : {set.Count(q => q.Target is not null)} questions tirées des fiches, {set.Count(q => q.Target is null)} sans réponse");

        CalibrationResult? best = null;
        foreach (var (unknown, common) in WeightGrid)
        {
            var weights = start with { UnknownWordWeight = unknown, CommonWordFactor = common };
            var ranked = Rank(loaded, set, weights);
            foreach (var lexical in LexicalScores)
                foreach (var partial in Coverages)
                foreach (var partialLong in LongCoverages.Where(c => c <= partial))
                {
                    var policy = weights with { MinLexicalScore = lexical, PartialCoverage = partial, PartialCoverageLong = partialLong, MinCoverage = partial };
                    var outcomes = Decide(ranked, loaded, policy);
                    var result = Measure(policy, outcomes, clock.Elapsed);
                    if (result.Abstention < AbstentionTarget) continue;
                    if (best is null || Balanced(result) > Balanced(best) + 1e-9 || (Math.Abs(Balanced(result) - Balanced(best)) < 1e-9 && result.Abstention > best.Abstention))
                        best = result;
                }
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"poids (mot inconnu {unknown}, mot courant ×{common}) : meilleur rappel jusqu'ici {best?.Recall:F3}"));
        }
        if (best is null) throw new InvalidOperationException("aucune politique n'atteint l'objectif d'abstention");

        // The confident-answer threshold: the lowest coverage from which the first passage is right often enough.
        var final = Rank(loaded, set, best.Policy);
        var chosen = best.Policy;
        foreach (var answerCoverage in Coverages.Where(c => c >= best.Policy.PartialCoverage))
        {
            var policy = best.Policy with { MinCoverage = answerCoverage };
            var precision = Measure(policy, Decide(final, loaded, policy), clock.Elapsed).ConfidentPrecision;
            chosen = policy;
            if (precision >= PrecisionTarget) break;
        }
        var measured = Measure(chosen, Decide(final, loaded, chosen), clock.Elapsed);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyy-MM-dd}, {measured.Answerable} questions tirées des fiches et {measured.Unanswerable} sans réponse : rappel {measured.Recall:F2}, abstention {measured.Abstention:F2}, réponses sûres justes {measured.ConfidentPrecision:F2}");
        return measured with { Policy = chosen with { Calibration = summary } };
    }

    /// <summary>Each question read and ranked against the fold's index (an index without the questions of that fold).</summary>
    private static List<(CalibrationQuestion Q, KnowledgeAnswerer Answerer, QuestionReading Reading, IReadOnlyList<SearchHit> Hits)> Rank(
        KnowledgeLoadResult loaded, IReadOnlyList<CalibrationQuestion> set, AnswerPolicy policy)
    {
        var result = new List<(CalibrationQuestion, KnowledgeAnswerer, QuestionReading, IReadOnlyList<SearchHit>)>(set.Count);
        var indexes = new List<KnowledgeIndex>();
        try
        {
            for (var fold = -1; fold < CalibrationSet.Folds; fold++)
            {
                var questions = set.Where(q => q.Fold == fold).ToList();
                if (questions.Count == 0) continue;
                var entries = fold < 0 ? loaded.Entries : WithoutFold(loaded.Entries, fold);
                var index = KnowledgeIndex.Build(entries, loaded.Lexicon, policy.Weights);
                indexes.Add(index);
                var answerer = new KnowledgeAnswerer(index, policy);
                foreach (var q in questions)
                {
                    var (reading, hits) = answerer.Rank(q.Text);
                    result.Add((q, answerer, reading, hits));
                }
            }
            return result;
        }
        finally
        {
            // The hits keep their entries; the indexes are not needed once ranked.
            foreach (var i in indexes) i.Dispose();
        }
    }

    /// <summary>The entries with the alternative questions and situations of one fold removed (the same numbering as the set).</summary>
    private static List<KnowledgeEntry> WithoutFold(IReadOnlyList<KnowledgeEntry> entries, int fold)
    {
        int n = 0, m = 0;
        var result = new List<KnowledgeEntry>(entries.Count);
        foreach (var e in entries)
        {
            var kept = new List<string>();
            foreach (var q in e.Questions) if (n++ % CalibrationSet.Folds != fold) kept.Add(q);
            var keptSituations = new List<string>();
            foreach (var q in e.Situations) if (m++ % CalibrationSet.Folds != fold) keptSituations.Add(q);
            result.Add(e with { Questions = kept, Situations = keptSituations });
        }
        return result;
    }

    private static List<Outcome> Decide(List<(CalibrationQuestion Q, KnowledgeAnswerer Answerer, QuestionReading Reading, IReadOnlyList<SearchHit> Hits)> ranked,
        KnowledgeLoadResult loaded, AnswerPolicy policy)
    {
        var outcomes = new List<Outcome>(ranked.Count);
        var answerers = new Dictionary<KnowledgeAnswerer, KnowledgeAnswerer>();
        foreach (var (q, answerer, reading, hits) in ranked)
        {
            if (!answerers.TryGetValue(answerer, out var withPolicy))
                answerers[answerer] = withPolicy = new KnowledgeAnswerer(answerer.Index, policy);
            var answer = withPolicy.Compose(reading, hits, Stopwatch.StartNew(), quote: false);
            var quoted = answer.Sources.Take(3).Any(s => s.Entry.Id == q.Target);
            var first = answer.Sources.Count > 0 && answer.Sources[0].Entry.Id == q.Target;
            outcomes.Add(new Outcome(q, answer.Kind, quoted, first, hits.FirstOrDefault()?.Coverage ?? 0));
        }
        return outcomes;
    }

    private static CalibrationResult Measure(AnswerPolicy policy, List<Outcome> outcomes, TimeSpan elapsed)
    {
        var answerable = outcomes.Where(o => o.Question.Target is not null).ToList();
        var unanswerable = outcomes.Where(o => o.Question.Target is null).ToList();
        bool Ok(Outcome o) => o.Question.Target is null
            ? o.Kind is not (AnswerKind.Answer or AnswerKind.Partial)
            : o.Kind is AnswerKind.Answer or AnswerKind.Partial && o.RightQuoted;
        var confident = answerable.Where(o => o.Kind == AnswerKind.Answer).ToList();
        var byKind = outcomes.GroupBy(o => o.Question.Kind).ToDictionary(g => g.Key, g => (g.Count(Ok), g.Count()));
        var misses = outcomes.Where(o => !Ok(o)).GroupBy(o => o.Question.Kind)
            .SelectMany(g => g.Take(15)).Select(o => $"{o.Question.Kind} | {o.Question.Text} → {o.Kind} (couverture {o.BestCoverage:F2}, attendu {o.Question.Target ?? "abstention"})").ToList();
        return new CalibrationResult(policy,
            (double)answerable.Count(Ok) / Math.Max(1, answerable.Count),
            (double)unanswerable.Count(Ok) / Math.Max(1, unanswerable.Count),
            (double)confident.Count(o => o.RightFirst) / Math.Max(1, confident.Count),
            answerable.Count, unanswerable.Count, byKind, elapsed) { Misses = misses };
    }
}
