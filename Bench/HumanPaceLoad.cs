using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// A realistic load on the Teams endpoint: 1,000 members in their own conversations, each writing once every 20 to
/// 60 seconds, as people do; the acknowledgement of each activity and the time until its answer reaches the connector.
/// </summary>
public static class HumanPaceLoad
{
    private const int Members = 1000;
    private const int FirstMember = 10_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_HUMAN_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 90);

    /// <param name="watchReplies">Hands over the function the local connector calls with each call's path.</param>
    public static async Task MeasureAsync(BenchReport report, HttpClient client, string token, string serviceUrl, Action<Action<string>?> watchReplies,
        CancellationToken ct)
    {
        // Every member written to once beforehand: their welcome is not part of the measure.
        await Parallel.ForEachAsync(Enumerable.Range(FirstMember, Members), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (u, token2) => await BenchBotFramework.PostActivityAsync(client, token, serviceUrl, Id(), u, "bonjour", token2));
        await Task.Delay(TimeSpan.FromSeconds(5), ct);

        var waiting = new ConcurrentDictionary<int, long>();
        var answers = new ConcurrentBag<double>();
        watchReplies(path =>
        {
            var at = Stopwatch.GetTimestamp();
            var decoded = Uri.UnescapeDataString(path);
            var start = decoded.IndexOf("a:bench-", StringComparison.Ordinal);
            if (start < 0) return;
            var digits = new string(decoded[(start + "a:bench-".Length)..].TakeWhile(char.IsAsciiDigit).ToArray());
            if (int.TryParse(digits, CultureInfo.InvariantCulture, out var u) && waiting.TryRemove(u, out var sent))
                answers.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
        });
        var acks = new ConcurrentBag<double>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(FirstMember, Members).Select(u => Task.Run(async () =>
        {
            var random = new Random(u);
            await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * 40), ct);
            while (clock.Elapsed < Duration)
            {
                var sent = Stopwatch.GetTimestamp();
                waiting[u] = sent;
                if (!await BenchBotFramework.PostActivityAsync(client, token, serviceUrl, Id(), u, "Qu'est-ce que l'innovation sociale ?", ct))
                    Interlocked.Increment(ref failures);
                acks.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                await Task.Delay(TimeSpan.FromSeconds(20 + random.NextDouble() * 40), ct);
            }
        }, ct)));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!waiting.IsEmpty && DateTime.UtcNow < until) await Task.Delay(50, ct);
        watchReplies(null);

        var ackSorted = acks.OrderBy(x => x).ToList();
        var answerSorted = answers.OrderBy(x => x).ToList();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"human pace: {Members} members, one message every 20–60 s each ({acks.Count / clock.Elapsed.TotalSeconds:F1} msg/s over {clock.Elapsed.TotalSeconds:F0} s): "
            + $"ack p99 {BenchReport.Percentile(ackSorted, 0.99):F1} ms, answer p95 {BenchReport.Percentile(answerSorted, 0.95):F1} ms "
            + $"({answerSorted.Count}/{acks.Count} answered, {failures} failed, load {DeliveryBenchmark.LoadAverage()})"));
    }

    private static string Id() => "h" + Guid.NewGuid().ToString("N")[..12];
}
