using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Communaute.Bot.Verbs;

/// <summary>`eval FILE`: scores a question set with the rules of shared/eval/run-qa.py.</summary>
public static partial class EvalVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage : eval FICHIER.jsonl (fichier introuvable)");
            return 2;
        }
        var knowledge = VerbServices.Knowledge(args, out _);
        var stats = new SortedDictionary<string, (int Ok, int Total)>(StringComparer.Ordinal);
        var misses = new List<string>();
        var latencies = new List<double>();
        foreach (var line in File.ReadLines(args[0]).Where(l => l.Trim().Length > 0))
        {
            var item = JsonNode.Parse(line)!.AsObject();
            var answer = await knowledge.AnswerAsync(item["q"]!.GetValue<string>());
            latencies.Add(answer.ElapsedMs);
            bool ok;
            if (item["abstain"]?.GetValue<bool>() == true) ok = !answer.Answered;
            else
            {
                var text = Norm(answer.Text + " " + string.Join(" ", answer.Sources.Take(3).Select(s => s.Excerpt + " " + s.Entry.Title + " " + s.Entry.Section)));
                ok = answer.Answered && item["any"]!.AsArray().Any(e => text.Contains(Norm(e!.GetValue<string>()), StringComparison.Ordinal));
            }
            var kind = item["kind"]!.GetValue<string>();
            var s = stats.GetValueOrDefault(kind);
            stats[kind] = (s.Ok + (ok ? 1 : 0), s.Total + 1);
            if (!ok) misses.Add(item["id"]!.GetValue<string>());
        }

        foreach (var (kind, (ok, total)) in stats)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-11} {ok}/{total} = {(double)ok / total:F2}"));
        var answerable = stats.Where(k => k.Key is "fact" or "paraphrase" or "typo").Select(k => k.Value).ToList();
        var a = answerable.Sum(x => x.Ok);
        var n = Math.Max(1, answerable.Sum(x => x.Total));
        var oos = stats.GetValueOrDefault("oos", (Ok: 0, Total: 1));
        latencies.Sort();
        var p50 = latencies.Count > 0 ? latencies[latencies.Count / 2] : double.NaN;
        var p95 = latencies.Count > 0 ? latencies[Math.Max(0, (int)(latencies.Count * 0.95) - 1)] : double.NaN;
        Console.WriteLine("misses: " + string.Join(' ', misses));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"qa: answerable {(double)a / n:F2} ({a}/{n}), out-of-scope abstained {(double)oos.Ok / Math.Max(1, oos.Total):F2}, p50 {p50:F1} ms, p95 {p95:F1} ms"));
        return (double)a / n >= 0.9 && (double)oos.Ok / Math.Max(1, oos.Total) >= 0.9 ? 0 : 1;
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
