using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Slack events at a steady rate over loopback, signed like Slack's, 10 % of them delivered again (Slack retries):
/// acknowledgement latency, then every event answered exactly once by the queue worker (against a local fake Web API).
/// </summary>
public sealed class SlackBenchmark : IBenchmark
{
    private const int EventsPerSecond = 200;
    private const int Seconds = 10;
    private const int Channels = 200;
    private const string Secret = "bench-signing-secret";

    public string Name => "slack";
    public string Description => $"accusés de réception des événements Slack à {EventsPerSecond}/s, aucun perdu ni doublé";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var answers = new ConcurrentDictionary<string, int>();
        await using var fake = await FakeSlackApi.StartAsync();
        fake.KeepCalls = false;
        fake.CallReceived += call =>
        {
            if (call.Method == "chat.postMessage" && call.Str("thread_ts") is { } thread) answers.AddOrUpdate(thread, 1, (_, n) => n + 1);
        };
        var data = Directory.CreateTempSubdirectory("communaute-bench-slack-");
        var builder = BotApp.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:ConnectionString=Data Source={Path.Combine(data.FullName, "bot.db")}",
            "--Knowledge:WatchForChanges=false",
            $"--Slack:SigningSecret={Secret}",
            "--Slack:BotToken=xoxb-bench",
            $"--Slack:ApiBaseUrl={fake.BaseUrl}",
            "--Slack:BotUserId=UBOT",
            .. Environment.GetEnvironmentVariable("BENCH_SLACK_ARGS")?.Split(" ", StringSplitOptions.RemoveEmptyEntries) ?? [],
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Communaute=Warning",
        ]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = await BotApp.BuildAsync(builder);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(address + "/") };
            var clock = app.Services.GetRequiredService<TimeProvider>();

            // Warm-up: a few events, answered before measuring.
            for (var i = 0; i < 20; i++) await PostAsync(http, clock, Event($"EvWarm{i}", $"CW{i}", $"1700000000.{i:D6}", "aide"), null);
            await WaitAsync(() => answers.Count >= 20, TimeSpan.FromSeconds(10), cancellationToken);
            await Task.Delay(500, cancellationToken);
            answers.Clear();

            var total = EventsPerSecond * Seconds;
            var startedAt = clock.GetCurrentInstant();
            var latencies = new ConcurrentBag<double>();
            var statuses = new ConcurrentDictionary<int, int>();
            var tasks = new List<Task>();
            var started = Stopwatch.GetTimestamp();
            var redelivered = 0;
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / EventsPerSecond);
                var wait = due - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
                var ts = $"1795000000.{i:D6}";
                var body = Event($"EvBench{i}", $"C{i % Channels}", ts, i % 2 == 0 ? "aide" : "bonjour");
                tasks.Add(Measure(http, clock, body, latencies, statuses));
                if (i % 10 == 5)
                {
                    redelivered++;
                    var again = Event($"EvBench{i - 5}", $"C{(i - 5) % Channels}", $"1795000000.{i - 5:D6}", (i - 5) % 2 == 0 ? "aide" : "bonjour");
                    tasks.Add(Measure(http, clock, again, latencies, statuses, retry: true));
                }
            }
            await Task.WhenAll(tasks);
            var sendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Delivery.DeliveryOptions>>().Value.ProcessInbox)
            {
                report.Figure("événements envoyés", total, "", $"+ {redelivered} renvois, en {sendSeconds:F1} s ; inbox non traitée (Delivery:ProcessInbox=false)");
                report.Latencies("accusé de réception (file seule)", latencies.ToList());
                report.Figure("réponses HTTP non 200", statuses.Where(s => s.Key != 200).Sum(s => s.Value), "");
                return;
            }
            await WaitAsync(() => answers.Count >= total, TimeSpan.FromSeconds(180), cancellationToken);
            var drainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // late duplicates would show up here

            report.Figure("événements envoyés", total, "", $"+ {redelivered} renvois du même event_id, en {sendSeconds:F1} s");
            report.Figure("débit d'envoi effectif", (total + redelivered) / sendSeconds, "req/s");
            report.Latencies("accusé de réception", latencies.ToList());
            report.Figure("réponses HTTP non 200", statuses.Where(s => s.Key != 200).Sum(s => s.Value), "");
            var lost = Enumerable.Range(0, total).Count(i => !answers.ContainsKey($"1795000000.{i:D6}"));
            var twice = answers.Count(a => a.Value > 1);
            report.Figure("événements sans réponse (perdus)", lost, "");
            report.Figure("événements répondus deux fois", twice, "");
            report.Figure("tous répondus après", drainSeconds, "s", $"soit {total / drainSeconds:F0} réponses/s, rythme limité à 1 message/s par canal sur {Channels} canaux");
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            report.Figure("éléments en file (uniques)", await db.Set<Delivery.InboxItem>().CountAsync(i => i.Channel == "slack" && i.ReceivedAt > startedAt, cancellationToken), "");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task Measure(HttpClient http, TimeProvider clock, string body, ConcurrentBag<double> latencies,
        ConcurrentDictionary<int, int> statuses, bool retry = false)
    {
        var start = Stopwatch.GetTimestamp();
        var status = await PostAsync(http, clock, body, retry ? "1" : null);
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    private static async Task<int> PostAsync(HttpClient http, TimeProvider clock, string body, string? retryNum)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = clock.GetCurrentInstant().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SlackSignature.TimestampHeader, ts.ToString());
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(Secret, ts, bytes));
        if (retryNum is not null) request.Headers.Add("X-Slack-Retry-Num", retryNum);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string Event(string id, string channel, string ts, string text) => new JsonObject
    {
        ["type"] = "event_callback",
        ["team_id"] = "T1",
        ["event_id"] = id,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention", ["user"] = "U" + channel, ["text"] = "<@UBOT> " + text, ["ts"] = ts, ["channel"] = channel, ["channel_type"] = "channel",
        },
    }.ToJsonString();

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done() && Stopwatch.GetTimestamp() < until) await Task.Delay(50, ct);
    }
}
