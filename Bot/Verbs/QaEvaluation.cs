using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Communaute.Knowledge;
using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Verbs;

/// <summary>Scores a question set with the rules of shared/eval/run-qa.py.</summary>
public static partial class QaEvaluation
{
    public static readonly string[] AnswerableKinds = ["fact", "paraphrase", "typo"];

    /// <param name="AbstainKinds">The kinds whose questions are marked "abstain" (out of scope, unanswerable, small talk).</param>
    public sealed record Result(SortedDictionary<string, (int Ok, int Total)> ByKind, List<string> Misses, List<double> LatenciesMs, HashSet<string> AbstainKinds)
    {
        /// <summary>Answerable questions scored right with a confident answer (not offered as close passages).</summary>
        public int Confident { get; set; }

        /// <summary>One line per question, whether it scored right: id, kind, outcome, coverage, the passages quoted (eval --verbose).</summary>
        public List<(bool Ok, string Line)> Details { get; } = [];

        public (int Ok, int Total) AnswerableCounts => Sum(AnswerableKinds.Contains);
        public (int Ok, int Total) AbstainedCounts => Sum(AbstainKinds.Contains);
        public double Answerable => (double)AnswerableCounts.Ok / Math.Max(1, AnswerableCounts.Total);

        /// <summary>Abstentions over every question marked "abstain", as run-qa.py counts them.</summary>
        public double Abstained => (double)AbstainedCounts.Ok / Math.Max(1, AbstainedCounts.Total);

        public double OutOfScopeAbstained =>
            ByKind.TryGetValue("oos", out var o) ? (double)o.Ok / Math.Max(1, o.Total) : 0;

        private (int, int) Sum(Func<string, bool> kinds)
        {
            var selected = ByKind.Where(k => kinds(k.Key)).Select(k => k.Value).ToList();
            return (selected.Sum(x => x.Ok), selected.Sum(x => x.Total));
        }
    }

    public static async Task<Result> ScoreAsync(KnowledgeService knowledge, string file)
    {
        var result = new Result(new(StringComparer.Ordinal), [], [], []);
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            var item = JsonNode.Parse(line)!.AsObject();
            var answer = await knowledge.AnswerAsync(item["q"]!.GetValue<string>());
            result.LatenciesMs.Add(answer.ElapsedMs);
            bool ok;
            if (item["abstain"]?.GetValue<bool>() == true)
            {
                ok = !answer.Answered;
                result.AbstainKinds.Add(item["kind"]!.GetValue<string>());
            }
            else
            {
                var text = Norm(answer.Text + " " + string.Join(" ", answer.Sources.Take(3).Select(s => s.Excerpt + " " + s.Entry.Title + " " + s.Entry.Section)));
                ok = answer.Answered && item["any"]!.AsArray().Any(e => text.Contains(Norm(e!.GetValue<string>()), StringComparison.Ordinal));
            }
            var kind = item["kind"]!.GetValue<string>();
            var s = result.ByKind.GetValueOrDefault(kind);
            result.ByKind[kind] = (s.Ok + (ok ? 1 : 0), s.Total + 1);
            if (ok && answer.Kind == AnswerKind.Answer && AnswerableKinds.Contains(kind)) result.Confident++;
            var hits = answer.Decision?.Hits ?? [];
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{item["id"]} [{kind}] {item["q"]} → {answer.Kind} (couverture {hits.FirstOrDefault()?.Coverage:F2}, écart {(hits.Count > 1 ? hits[1].Score / hits[0].Score : 0):F2}): {string.Join(" | ", answer.Sources.Take(3).Select(s => s.Entry.Id))}");
            if (!ok) result.Misses.Add(item["id"]!.GetValue<string>());
            result.Details.Add((ok, detail));
        }
        return result;
    }

    /// <summary>The scorer's normalisation: case, accents, apostrophes, emphasis marks, spacing.</summary>
    public static string Norm(string s)
    {
        var d = (s ?? "").Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        var t = sb.ToString().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u00a0', ' ').Replace('\u202f', ' ')
            .Replace("*", "").Replace('_', ' ');
        return Spaces().Replace(t.ToLowerInvariant(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
