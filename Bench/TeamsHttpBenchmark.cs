using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Q&amp;A turns per second through POST /api/messages with JWT validation on, on loopback: a local stand-in for the
/// Bot Framework serves the OpenID metadata (an RSA key generated here) and the Bot Connector that takes the replies.
/// </summary>
public sealed class TeamsHttpBenchmark : IBenchmark
{
    private static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CONCURRENCY"), out var c) ? c : 4;
    private const int Users = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public string Name => "teams";
    public string Description => "tours Teams par seconde sur /api/messages (JWT vérifié, connecteur local)";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var connectorCalls = 0;
        Action<string>? watcher = null;
        await using var fake = await FakeBotFramework.StartAsync();
        fake.KeepCalls = false;
        fake.CallReceived += call =>
        {
            Interlocked.Increment(ref connectorCalls);
            Volatile.Read(ref watcher)?.Invoke(call.RawPath);
        };
        var data = Directory.CreateTempSubdirectory("communaute-bench-teams-");
        try
        {
            await using var bot = await BenchBotFramework.StartBotAsync(data.FullName, fake, cancellationToken);
            using var client = new HttpClient { BaseAddress = new Uri(BenchBotFramework.Address(bot) + "/") };
            var token = fake.Token();
            var serviceUrl = fake.ServiceUrl;

            // Warm-up: JIT, the index, the metadata, every member and conversation created (and welcomed) once.
            for (var u = 0; u < Users; u++) await TurnAsync(client, token, serviceUrl, u, cancellationToken);
            var until = DateTime.UtcNow.AddSeconds(60);
            while (Volatile.Read(ref connectorCalls) < 2 * Users && DateTime.UtcNow < until) await Task.Delay(50, cancellationToken);
            var callsBefore = Volatile.Read(ref connectorCalls);
            var writes = bot.Services.GetRequiredService<Storage.WriteTransactions>();
            var writesBefore = writes.Count;

            var latencies = new List<double>();
            var failures = 0;
            var turns = 0;
            var started = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, Concurrency).Select(w => Task.Run(async () =>
            {
                var mine = new List<double>();
                for (var i = w; started.Elapsed < Duration; i += Concurrency)
                {
                    var t = Stopwatch.GetTimestamp();
                    var ok = await TurnAsync(client, token, serviceUrl, i % Users, cancellationToken);
                    mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    Interlocked.Increment(ref turns);
                    if (!ok) Interlocked.Increment(ref failures);
                }
                lock (latencies) latencies.AddRange(mine);
            }, cancellationToken)).ToArray();
            await Task.WhenAll(workers);
            var seconds = started.Elapsed.TotalSeconds;
            // The answers leave through the outbox after the acknowledgement: count until they are all at the connector.
            until = DateTime.UtcNow.AddSeconds(120);
            while (Volatile.Read(ref connectorCalls) - callsBefore < turns && DateTime.UtcNow < until) await Task.Delay(20, cancellationToken);
            var answeredSeconds = started.Elapsed.TotalSeconds;
            var writesDuring = writes.Count - writesBefore;

            var pathRate = (Volatile.Read(ref connectorCalls) - callsBefore) / answeredSeconds;
            report.Figure("tours Q&R par seconde (réponses remises au connecteur)", pathRate, "tours/s",
                $"{Concurrency} clients, {Users} membres, {turns} activités en {seconds:F0} s, JWT RS256 vérifié");
            report.Latencies("accusé de réception HTTP (activité mise dans l'inbox)", latencies);
            report.Figure("échecs", failures, "tours");
            report.Figure("appels reçus par le connecteur local", connectorCalls, "appels");
            PipelineAlone.WritesPerTurn(report, writesDuring, turns);

            // The adapter's own cost: the same requests (JWT checked, JSON read) for an activity that is only acknowledged.
            var (ackRate, ackLatencies) = await LoadAsync(() => TurnAsync(client, token, serviceUrl, 0, cancellationToken, "messageReaction"), TimeSpan.FromSeconds(5));
            report.Figure("activités acquittées par seconde (JWT + lecture seuls)", ackRate, "req/s");
            report.Latencies("latence JWT + lecture", ackLatencies);

            PipelineAlone.Share(report, pathRate, await PipelineAlone.MeasureAsync(report, bot.Services, "msteams", Users, Concurrency, cancellationToken));
            await HumanPaceLoad.MeasureAsync(report, client, token, serviceUrl, w => Volatile.Write(ref watcher, w), cancellationToken);
            await bot.StopAsync(cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static Task<bool> TurnAsync(HttpClient client, string token, string serviceUrl, int user, CancellationToken ct, string type = "message") =>
        BenchBotFramework.PostActivityAsync(client, token, serviceUrl, "m" + Guid.NewGuid().ToString("N")[..12], user, "Qu'est-ce que l'innovation sociale ?", ct, type);

    private static async Task<(double Rate, List<double> Latencies)> LoadAsync(Func<Task<bool>> call, TimeSpan duration)
    {
        var latencies = new List<double>();
        var count = 0;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (started.Elapsed < duration)
            {
                var t = Stopwatch.GetTimestamp();
                await call();
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                Interlocked.Increment(ref count);
            }
            lock (latencies) latencies.AddRange(mine);
        })));
        return (count / started.Elapsed.TotalSeconds, latencies);
    }
}
