using System.Diagnostics;
using Communaute.Bot.Hosting;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Search;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Answer latency in process (p50/p95/p99) on the bundled base and on a base 100× larger, with the
/// alternative questions of the entries and a few out-of-scope questions as the load.
/// </summary>
public sealed class KnowledgeBenchmark : IBenchmark
{
    public string Name => "qa";
    public string Description => "réponses de la base de connaissances, en processus (base fournie et base 100×)";

    private static readonly string[] OutOfScope =
    [
        "Quelle heure est-il à Tokyo ?", "Comment faire un gâteau au chocolat ?", "Qui a gagné la coupe du monde de football ?",
        "Quel temps fera-t-il demain à Brest ?", "Comment réinitialiser mon mot de passe Windows ?",
    ];

    public Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var folder = KnowledgeLocator.Find(null);
        var loaded = KnowledgeFolderLoader.Load(folder);
        var policy = AnswerPolicy.ReadCalibrated(folder) ?? new AnswerPolicy();
        var questions = loaded.Entries.SelectMany(e => e.Questions.Take(1)).Concat(OutOfScope).ToList();
        foreach (var factor in new[] { 1, 100 })
        {
            var entries = factor == 1 ? loaded.Entries : SyntheticKnowledge.Scale(loaded.Entries, factor);
            var build = Stopwatch.StartNew();
            using var index = KnowledgeIndex.Build(entries, loaded.Lexicon, policy.Weights);
            var answerer = new KnowledgeAnswerer(index, policy);
            var buildMs = build.Elapsed.TotalMilliseconds;
            foreach (var q in questions.Take(20)) answerer.Answer(q); // warm-up
            var samples = new List<double>();
            var rounds = factor == 1 ? 5 : 2;
            for (var r = 0; r < rounds; r++)
                foreach (var q in questions)
                {
                    var t = Stopwatch.GetTimestamp();
                    answerer.Answer(q);
                    samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            var label = factor == 1 ? $"base fournie ({entries.Count} fiches)" : $"base {factor}× ({entries.Count} fiches)";
            report.Figure($"indexation, {label}", buildMs, "ms");
            report.Latencies($"réponse, {label}", samples);
        }

        // Start-up to first answer: load, index and answer once, as `ask` does.
        var start = Stopwatch.StartNew();
        var fresh = KnowledgeFolderLoader.Load(KnowledgeLocator.Find(null));
        using var firstIndex = KnowledgeIndex.Build(fresh.Entries, fresh.Lexicon, policy.Weights);
        new KnowledgeAnswerer(firstIndex, policy).Answer("Qu'est-ce que l'innovation sociale ?");
        report.Figure("chargement + indexation + première réponse", start.Elapsed.TotalMilliseconds, "ms", "dans un processus déjà lancé");
        ColdStart(report);
        return Task.CompletedTask;
    }

    /// <summary>A new process answering one question, as a member's first question after a deployment.</summary>
    private static void ColdStart(BenchReport report)
    {
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            // The bot's own program (built beside this one), not the bench's.
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(typeof(Hosting.BotApp).Assembly.Location);
            psi.ArgumentList.Add("ask");
            psi.ArgumentList.Add("--json");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            process.StandardInput.WriteLine("Qu'est-ce que le FISO ?");
            process.StandardInput.Close();
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        report.Figure("démarrage à froid d'un processus jusqu'à la réponse", samples.Min(), "ms", $"meilleur de 3 : {string.Join(", ", samples.Select(s => s.ToString("F0")))} ms");
    }
}
