using System.Diagnostics;
using System.Net.Http.Json;
using Communaute.Bot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Turns per second over HTTP through the local chat endpoint (the whole pipeline: member and conversation
/// upsert, routing, Q&amp;A, audit in SQLite), with concurrent clients on loopback; and the start-up time of the host.
/// </summary>
public sealed class WebChatHttpBenchmark : IBenchmark
{
    public string Name => "http";
    public string Description => "tours HTTP par seconde sur /api/webchat/turns (SQLite, 127.0.0.1)";

    private const int Clients = 16;
    private const int TurnsPerClient = 150;

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("communaute-bench-").FullName;
        try
        {
            var started = Stopwatch.StartNew();
            var builder = BotApp.CreateBuilder(
            [
                "--urls=http://127.0.0.1:0",
                $"--Storage:ConnectionString=Data Source={Path.Combine(data, "bench.db")}",
                "--Knowledge:WatchForChanges=false",
                "--WebChat:Enabled=true",
                "--Serilog:MinimumLevel:Default=Warning",
                // 16 clients on one address measure the pipeline, not the per-client limit (see bench security).
                "--Security:RateLimits:WebChatPerMinute=1000000",
                "--Security:RateLimits:WebChatBurst=100000",
                "--Security:RateLimits:WebChatSessionsBurst=1000",
            ], logToStandardError: true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            await using var app = await BotApp.BuildAsync(builder);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = Client(address);
            await Open(http, cancellationToken);
            await Turn(http, "Qu'est-ce que l'innovation sociale ?", cancellationToken);
            report.Figure("démarrage de l'hôte jusqu'à la première réponse", started.Elapsed.TotalMilliseconds, "ms", "migrations, index, Kestrel");

            string[] questions =
            [
                "Qu'est-ce que l'innovation sociale ?", "Qu'est-ce que le FISO ?", "aide", "Comment faire un gâteau au chocolat ?",
                "Quels sont les niveaux de la grille de caractérisation ?", "Qu'est-ce que la Fabrique à initiatives ?",
            ];
            var samples = new List<double>[Clients];
            var writes = app.Services.GetRequiredService<Storage.WriteTransactions>();
            var writesBefore = writes.Count;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
            {
                samples[c] = [];
                // Each client is a visitor of its own (the session cookie names it).
                using var visitor = Client(address);
                await Open(visitor, cancellationToken);
                for (var i = 0; i < TurnsPerClient; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    await Turn(visitor, questions[(c + i) % questions.Length], cancellationToken);
                    samples[c].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            }));
            var total = Clients * TurnsPerClient;
            var pathRate = total / wall.Elapsed.TotalSeconds;
            report.Figure("tours par seconde", pathRate, "tours/s", $"{Clients} clients, {total} tours");
            report.Latencies("durée d'un tour HTTP", samples.SelectMany(s => s).ToList());
            // Opening the visitors' sessions is counted too (16 of them).
            PipelineAlone.WritesPerTurn(report, writes.Count - writesBefore, total);
            PipelineAlone.Share(report, pathRate, await PipelineAlone.MeasureAsync(report, app.Services, "webchat", Clients, Clients, cancellationToken));
            var process = System.Diagnostics.Process.GetCurrentProcess();
            report.Figure("mémoire en service (working set, après la charge)", process.WorkingSet64 / 1024.0 / 1024.0, "Mo");
            report.Figure("mémoire de pointe jusqu'ici", process.PeakWorkingSet64 / 1024.0 / 1024.0, "Mo");
            await app.StopAsync(cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static HttpClient Client(string address) =>
        new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(address) };

    /// <summary>Opens the page: the session a turn needs.</summary>
    private static async Task Open(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/webchat/session", new { }, ct);
        response.EnsureSuccessStatusCode();
    }

    private static async Task Turn(HttpClient http, string text, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/webchat/turns", new { messageId = Guid.NewGuid().ToString("N"), text }, ct);
        response.EnsureSuccessStatusCode();
    }
}
