using System.Diagnostics;
using System.Globalization;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>Polls GET /readyz every 100 ms, as an orchestrator would, while a load runs; reports the p99 of its answers.</summary>
internal sealed class ReadinessProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly List<double> _latencies = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private int _failures;

    private ReadinessProbe(HttpClient http) => _polling = PollAsync(http, _stop.Token);

    /// <summary>Starts polling after one unmeasured probe: a cold first one (connection, code compiled) is not what an orchestrator sees.</summary>
    public static async Task<ReadinessProbe> StartAsync(HttpClient http, CancellationToken ct)
    {
        (await http.GetAsync("readyz", ct)).Dispose();
        return new ReadinessProbe(http);
    }

    /// <summary>Stops polling and prints <c>readyz under load p99: X ms (N probes)</c>.</summary>
    public async Task ReportAsync(BenchReport report)
    {
        await _stop.CancelAsync();
        await _polling;
        _latencies.Sort();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"readyz under load p99: {BenchReport.Percentile(_latencies, 0.99):F1} ms ({_latencies.Count} probes)"));
        if (_failures > 0) report.Line($"readyz under load: {_failures} answers not 200");
    }

    private async Task PollAsync(HttpClient http, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync("readyz", ct);
                    if (!response.IsSuccessStatusCode) _failures++;
                }
                catch (HttpRequestException) { _failures++; }
                _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _polling; } catch (Exception) { /* already reported or abandoned with the run */ }
        _stop.Dispose();
    }
}
