using System.Globalization;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>Prints figures as aligned lines: "name  value unit  (note)".</summary>
public sealed class BenchReport(TextWriter output)
{
    public void Section(string title) => output.WriteLine($"\n## {title}");

    public void Figure(string name, double value, string unit, string? note = null) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-46} {value,10:F2} {unit}{(note is null ? "" : "   (" + note + ")")}"));

    public void Line(string text) => output.WriteLine(text);

    /// <summary>The report's first line, dated by the wall clock of the machine that measured.</summary>
    public void Title(string text) => output.WriteLine($"# bench — {text}, {DateTime.UtcNow:yyyy-MM-dd}");

    /// <summary>p50, p95, p99 of the samples, in milliseconds.</summary>
    public void Latencies(string name, List<double> samplesMs)
    {
        samplesMs.Sort();
        Figure(name + " p50", Percentile(samplesMs, 0.50), "ms");
        Figure(name + " p95", Percentile(samplesMs, 0.95), "ms");
        Figure(name + " p99", Percentile(samplesMs, 0.99), "ms", $"{samplesMs.Count} mesures");
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
