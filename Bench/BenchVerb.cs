using System.Diagnostics;
using Communaute.Bot.Verbs.Bench;

namespace Communaute.Bot.Verbs;

/// <summary>`bench [NAME…]`: prints the figures of every benchmark (or the named ones). Run it in Release.</summary>
public static class BenchVerb
{
    private static readonly IBenchmark[] All =
    [
        new WebChatHttpBenchmark(),
        new KnowledgeBenchmark(),
        new DialogBenchmark(),
        new TeamsHttpBenchmark(),
        new SlackBenchmark(),
        new DeliveryBenchmark(),
        new SecurityBenchmark(),
        new SessionsBenchmark(),
        new DigestBenchmark(),
        new DirectoryBenchmark(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var names = VerbServices.PlainArgs(args);
        var selected = names.Count == 0 ? All : All.Where(b => names.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (selected.Length == 0)
        {
            Console.Error.WriteLine("Benchmarks : " + string.Join(", ", All.Select(b => $"{b.Name} ({b.Description})")));
            return 2;
        }
        var report = new BenchReport(Console.Out);
        report.Title($"{Environment.ProcessorCount} cœurs, .NET {Environment.Version}, {(IsRelease() ? "Release" : "Debug (utilisez -c Release)")}");
        foreach (var b in selected)
        {
            report.Section($"{b.Name} — {b.Description}");
            await b.RunAsync(report, CancellationToken.None);
        }
        report.Section("processus");
        report.Figure("mémoire de pointe (working set)", Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0, "Mo");
        return 0;
    }

    private static bool IsRelease() =>
        typeof(BenchVerb).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);
}
