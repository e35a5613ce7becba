using System.Globalization;

namespace Communaute.Bot.Verbs;

/// <summary>`eval FILE`: scores a question set with the rules of shared/eval/run-qa.py.</summary>
public static class EvalVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var file = VerbServices.PlainArgs(args).FirstOrDefault();
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine("usage : eval FICHIER.jsonl (fichier introuvable)");
            return 2;
        }
        var result = await QaEvaluation.ScoreAsync(VerbServices.Knowledge(args, out _), file);

        foreach (var (kind, (ok, total)) in result.ByKind)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-11} {ok}/{total} = {(double)ok / total:F2}"));
        var answerable = result.ByKind.Where(k => QaEvaluation.AnswerableKinds.Contains(k.Key)).Select(k => k.Value).ToList();
        var latencies = result.LatenciesMs.Order().ToList();
        var p50 = latencies.Count > 0 ? latencies[latencies.Count / 2] : double.NaN;
        var p95 = latencies.Count > 0 ? latencies[Math.Max(0, (int)(latencies.Count * 0.95) - 1)] : double.NaN;
        Console.WriteLine("misses: " + string.Join(' ', result.Misses));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"qa: answerable {result.Answerable:F2} ({answerable.Sum(x => x.Ok)}/{answerable.Sum(x => x.Total)}), out-of-scope abstained {result.OutOfScopeAbstained:F2}, p50 {p50:F1} ms, p95 {p95:F1} ms"));
        return result.Answerable >= 0.9 && result.OutOfScopeAbstained >= 0.9 ? 0 : 1;
    }
}
