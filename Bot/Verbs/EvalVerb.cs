using System.Globalization;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Calibration;

namespace Communaute.Bot.Verbs;

/// <summary>
/// `eval FILE…`: scores question sets with the rules of shared/eval/run-qa.py, every kind they contain.
/// `eval --calibrate [--dry-run]`: chooses the answering thresholds on a set made from the knowledge base and writes them
/// to the folder's seuils.json (re-run it when the base changes).
/// </summary>
public static class EvalVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--calibrate")) return Calibrate(args);

        var files = VerbServices.PlainArgs(args).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (files.Count == 0 || files.Any(f => !File.Exists(f)))
        {
            Console.Error.WriteLine("usage : eval FICHIER.jsonl [FICHIER2.jsonl…] (fichier introuvable), ou eval --calibrate");
            return 2;
        }
        var knowledge = VerbServices.Knowledge(args, out _);
        var ok = true;
        foreach (var file in files)
        {
            var result = await QaEvaluation.ScoreAsync(knowledge, file);
            if (files.Count > 1) Console.WriteLine("== " + Path.GetFileName(file));
            Print(result);
            if (args.Contains("--verbose"))
                foreach (var (right, line) in result.Details) Console.WriteLine((right ? "  juste : " : "  raté : ") + line);
            ok &= result.Answerable >= 0.9 && result.Abstained >= 0.9;
        }
        return ok ? 0 : 1;
    }

    public static void Print(QaEvaluation.Result result)
    {
        foreach (var (kind, (good, total)) in result.ByKind)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-11} {good}/{total} = {(double)good / total:F2}"));
        var latencies = result.LatenciesMs.Order().ToList();
        var p50 = latencies.Count > 0 ? latencies[latencies.Count / 2] : double.NaN;
        var p95 = latencies.Count > 0 ? latencies[Math.Max(0, (int)(latencies.Count * 0.95) - 1)] : double.NaN;
        Console.WriteLine("misses: " + string.Join(' ', result.Misses));
        var answerable = result.AnswerableCounts;
        if (answerable.Total > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"confident: {result.Confident}/{answerable.Ok} right answers given as a direct cited answer (the rest as close passages)"));
        var english = result.ByKind.TryGetValue("english", out var e) ? string.Create(CultureInfo.InvariantCulture, $", english {(double)e.Ok / e.Total:F2}") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"qa: answerable {result.Answerable:F2} ({result.AnswerableCounts.Ok}/{result.AnswerableCounts.Total}), abstained {result.Abstained:F2} ({result.AbstainedCounts.Ok}/{result.AbstainedCounts.Total}){english}, p50 {p50:F1} ms, p95 {p95:F1} ms"));
    }

    private static int Calibrate(string[] args)
    {
        var knowledge = VerbServices.Knowledge(args, out var services);
        var folder = knowledge.Folder;
        var start = knowledge.Current.Answerer.Policy with { Calibration = null };
        Console.WriteLine($"calibrage sur {folder} (quelques minutes)…");
        var result = new Calibrator(folder, services.GetRequiredService<TimeProvider>()).Run(start, Console.WriteLine);
        var p = result.Policy;
        foreach (var (kind, (good, total)) in result.ByKind.OrderBy(k => k.Key))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-13} {good}/{total} = {(double)good / total:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seuils choisis : réponse si couverture ≥ {p.MinCoverage:F2}, fiches proches si ≥ {p.PartialCoverage:F2}, score lexical ≥ {p.MinLexicalScore:F0}, mot inconnu {p.UnknownWordWeight:F1}, mot courant ×{p.CommonWordFactor:F2}"));
        Console.WriteLine(p.Calibration);
        if (args.Contains("--misses"))
            foreach (var miss in result.Misses) Console.WriteLine("  raté : " + miss);
        if (args.Contains("--dry-run")) return 0;
        p.WriteCalibrated(folder);
        Console.WriteLine($"écrit dans {Path.Combine(folder, AnswerPolicy.FileName)} ; le bot l'applique au prochain rechargement de la base.");
        return 0;
    }
}
