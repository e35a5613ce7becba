using System.Diagnostics;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// The turn pipeline alone, in process (storage and knowledge base, no inbox, no turn transaction, no HTTP): the
/// yardstick the one turn path is measured against, in the same run.
/// </summary>
public static class PipelineAlone
{
    public static async Task<double> MeasureAsync(BenchReport report, IServiceProvider services, string channel, int members, int concurrency, CancellationToken ct)
    {
        var pipeline = services.GetRequiredService<TurnPipeline>();
        var n = 0;
        var latencies = new List<double>();
        var started = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(5);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (started.Elapsed < duration)
            {
                var u = Interlocked.Increment(ref n) % members;
                var t = Stopwatch.GetTimestamp();
                await using var scope = services.CreateAsyncScope();
                await pipeline.RunAsync(new IncomingTurn
                {
                    Channel = channel, ConversationId = $"bench-alone-{u}", UserId = $"bench-alone-user-{u}", Text = "Qu'est-ce que l'innovation sociale ?",
                }, scope.ServiceProvider, ct);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        }, ct)));
        var rate = latencies.Count / started.Elapsed.TotalSeconds;
        report.Figure("tours Q&R par seconde, pipeline seul (sans HTTP)", rate, "tours/s");
        report.Latencies("latence du pipeline seul", latencies);
        return rate;
    }

    /// <summary>What the one turn path keeps of the pipeline alone's rate (goal: at least 0.3).</summary>
    public static void Share(BenchReport report, double pathRate, double aloneRate) =>
        report.Figure("chemin complet / pipeline seul", aloneRate == 0 ? 0 : pathRate / aloneRate, "×", "même exécution");

    /// <summary>Database write transactions per turn over a measured window.</summary>
    public static void WritesPerTurn(BenchReport report, long writes, long turns) =>
        report.Figure("transactions d'écriture par tour", turns == 0 ? 0 : (double)writes / turns, "tx/tour", $"{writes} transactions pour {turns} tours");
}
