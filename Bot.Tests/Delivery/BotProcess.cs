using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// The bot as a real child process (`dotnet Communaute.Bot.dll` from the test output), on a given database: what a
/// deployment runs, and what kill -9 (<see cref="Kill"/>: SIGKILL, no shutdown code runs) can stop mid-work.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    public Uri BaseAddress { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private BotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public static async Task<BotProcess> StartAsync(IDictionary<string, string?> settings)
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
        var config = new Dictionary<string, string?>
        {
            ["Knowledge:Folder"] = RepoPaths.KnowledgeBase,
            ["Knowledge:WatchForChanges"] = "false",
            ["Serilog:MinimumLevel:Override:Communaute"] = "Warning",
        };
        foreach (var (k, v) in settings) config[k] = v;
        foreach (var (k, v) in config) psi.ArgumentList.Add($"--{k}={v}");
        var process = Process.Start(psi)!;
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"Le bot s'est arrêté ({process.ExitCode}) :\n{bot.Output}");
            try
            {
                if ((await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK) return bot;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        bot.Kill();
        throw new TimeoutException("Le bot ne répond pas sur /healthz :\n" + bot.Output);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

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
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
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
