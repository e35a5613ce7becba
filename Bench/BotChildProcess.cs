using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// The bot as a separate process (`dotnet Communaute.Bot.dll` beside the running program), on a free port of
/// 127.0.0.1: what a deployment runs, and what <see cref="Kill"/> (SIGKILL: no shutdown code runs) can stop mid-work.
/// Used by `bench delivery` and by the tests.
/// </summary>
public sealed class BotChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    public Uri BaseAddress { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private BotChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Starts the bot with these settings ("Section:Key" → value) and waits until /healthz answers.</summary>
    public static async Task<BotChildProcess> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken ct = default)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Communaute.Bot.dll"));
        psi.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (k, v) in settings) psi.ArgumentList.Add($"--{k}={v}");
        var process = Process.Start(psi)!;
        var bot = new BotChildProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"Le bot s'est arrêté ({process.ExitCode}) :\n{bot.Output}");
            try
            {
                if ((await http.GetAsync("healthz", ct)).StatusCode == HttpStatusCode.OK) return bot;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
        bot.Kill();
        throw new TimeoutException("Le bot ne répond pas sur /healthz :\n" + bot.Output);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>The processor time the process used so far (zero once it exited).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try { return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime; }
            catch (InvalidOperationException) { return TimeSpan.Zero; }
        }
    }

    /// <summary>kill -9: SIGKILL, the process ends where it is.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // Keep the end: enough to say why a run went wrong.
            if (_output.Length > 200_000) _output.Remove(0, 100_000);
            _output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
