using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// The delivery path under load: Teams acknowledgements (JWT checked, activity stored in the inbox), redeliveries of
/// the same activity, and the outbox drained by two bot processes on one PostgreSQL database — once undisturbed, once
/// with one of them killed by SIGKILL mid-load and replaced. Channels are local fakes on 127.0.0.1.
/// </summary>
public sealed class DeliveryBenchmark : IBenchmark
{
    private const int Activities = 400;
    private const int RequestsPerSecond = 100;
    private const int RedeliveryLag = 8;
    private const int OutboxMessages = 3000;
    private const int OutboxChannels = 300;

    public string Name => "delivery";
    public string Description => "inbox et outbox : accusés Teams, renvois, débit de l'outbox sur 2 instances PostgreSQL, kill -9";

    public async Task RunAsync(BenchReport report, CancellationToken ct)
    {
        await TeamsAsync(report, ct);
        var postgres = Environment.GetEnvironmentVariable("COMMUNAUTE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            report.Line("outbox throughput: non mesuré (2 instances, PostgreSQL) — pas de serveur PostgreSQL : eval \"$(.ci/start-postgres.sh)\" puis relancer");
            report.Line("two instances: non mesuré — pas de serveur PostgreSQL");
            report.Line("kill -9 during load: non mesuré — pas de serveur PostgreSQL");
            return;
        }
        await OutboxAsync(report, postgres, kill: false, ct);
        await OutboxAsync(report, postgres, kill: true, ct);
    }

    /// <summary>Activities posted with a valid token, each delivered three times (two redeliveries, one concurrent).</summary>
    private static async Task TeamsAsync(BenchReport report, CancellationToken ct)
    {
        var answers = new ConcurrentDictionary<string, int>();
        await using var fake = await FakeBotFramework.StartAsync();
        fake.KeepCalls = false;
        // v3/conversations/{conversation}/activities/{replied-to activity}: one answer to that activity (welcomes aside).
        fake.CallReceived += call =>
        {
            if (call.ActivityId is { } repliedTo) answers.AddOrUpdate(repliedTo, 1, (_, n) => n + 1);
        };
        var data = Directory.CreateTempSubdirectory("communaute-bench-delivery-");
        try
        {
            await using var bot = await BenchBotFramework.StartBotAsync(data.FullName, fake, ct);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(BenchBotFramework.Address(bot) + "/") };
            var token = fake.Token();
            var serviceUrl = fake.ServiceUrl;

            // Warm-up (JIT tiers, index, metadata, every member welcomed once): as many activities as the measure.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
            {
                for (var i = c; i < Activities; i += 4)
                    await BenchBotFramework.PostActivityAsync(http, token, serviceUrl, $"warm-{i}", i % 64, "aide", ct);
            }, ct)));
            await WaitAsync(() => answers.Count >= Activities, TimeSpan.FromSeconds(120), ct);

            // Each activity three times (the Bot Connector's redeliveries), the third one a little later: 3 × 400 requests
            // at a steady 100 a second, as a busy tenant would send them.
            var requests = new List<(string Id, int User)>();
            for (var i = 0; i < Activities; i++)
            {
                requests.Add(($"bench-{i}", i % 64));
                requests.Add(($"bench-{i}", i % 64));
                if (i >= RedeliveryLag) requests.Add(($"bench-{i - RedeliveryLag}", (i - RedeliveryLag) % 64));
            }
            for (var i = Activities - RedeliveryLag; i < Activities; i++) requests.Add(($"bench-{i}", i % 64));
            var latencies = new ConcurrentBag<double>();
            var failures = 0;
            var tasks = new List<Task>();
            using var probeHttp = new HttpClient { BaseAddress = http.BaseAddress };
            await using var readiness = await ReadinessProbe.StartAsync(probeHttp, ct);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var r = 0; r < requests.Count; r++)
            {
                var wait = TimeSpan.FromSeconds((double)r / RequestsPerSecond) - wall.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
                var (id, user) = requests[r];
                tasks.Add(Task.Run(async () =>
                {
                    var t = Stopwatch.GetTimestamp();
                    var ok = await BenchBotFramework.PostActivityAsync(http, token, serviceUrl, id, user, "aide", ct);
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (!ok) Interlocked.Increment(ref failures);
                }, ct));
            }
            await Task.WhenAll(tasks);
            var sendSeconds = wall.Elapsed.TotalSeconds;
            await readiness.ReportAsync(report);
            await WaitAsync(() => Enumerable.Range(0, Activities).All(i => answers.ContainsKey($"bench-{i}")), TimeSpan.FromSeconds(120), ct);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await Task.Delay(TimeSpan.FromSeconds(2), ct); // late duplicates would show up here

            var sorted = latencies.ToList();
            sorted.Sort();
            var once = Enumerable.Range(0, Activities).Count(i => answers.TryGetValue($"bench-{i}", out var n) && n == 1);
            report.Line(string.Create(CultureInfo.InvariantCulture, $"teams ack p99: {BenchReport.Percentile(sorted, 0.99):F1} ms"));
            report.Line($"teams redelivered twice: answered once {once}/{Activities}");
            // What the bot itself used, whatever else runs on the machine: every request, every turn, every answer sent.
            report.Figure("temps processeur par activité", cpu.TotalMilliseconds / Activities, "ms",
                $"accusé de ses 3 livraisons, tour, réponse envoyée ; charge moyenne de la machine {LoadAverage()}");
            report.Figure("accusés de réception Teams", sorted.Count / sendSeconds, "req/s",
                $"{sorted.Count} requêtes à {RequestsPerSecond}/s, JWT RS256 vérifié, p50 {BenchReport.Percentile(sorted, 0.5):F1} ms, {failures} non 200");
            await bot.StopAsync(ct);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Messages written to the outbox at once, drained by two bot processes on one PostgreSQL database, to a local fake
    /// Slack (no pacing: the figure is the outbox's, not Slack's 1 message/s). With <paramref name="kill"/>, one of them
    /// gets SIGKILL once a third is delivered, and another process takes its place.
    /// </summary>
    private static async Task OutboxAsync(BenchReport report, string server, bool kill, CancellationToken ct)
    {
        var database = "communaute_bench_" + Guid.NewGuid().ToString("N")[..10];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var posted = new ConcurrentDictionary<string, int>();
        await using var slack = await FakeSlackAsync(posted);
        var processes = new List<BotChildProcess>();
        try
        {
            var settings = OutboxProcessSettings(connection, slack);
            var keys = await EnqueueAsync(settings, ct);
            processes.Add(await BotChildProcess.StartAsync(settings!, ct));
            processes.Add(await BotChildProcess.StartAsync(settings!, ct));
            var cpuBefore = processes.Sum(p => p.ProcessorTime.TotalMilliseconds);
            var started = Stopwatch.StartNew();
            await ReleaseAsync(connection, ct);

            if (kill)
            {
                await WaitAsync(() => posted.Count >= OutboxMessages / 3, TimeSpan.FromSeconds(120), ct);
                processes[0].Kill();
                processes.Add(await BotChildProcess.StartAsync(settings!, ct));
            }
            await WaitAsync(() => keys.All(posted.ContainsKey), TimeSpan.FromSeconds(180), ct);
            var seconds = started.Elapsed.TotalSeconds;
            var cpuMs = processes.Sum(p => p.ProcessorTime.TotalMilliseconds) - cpuBefore;
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // late duplicates would show up here

            var once = keys.Count(k => posted.TryGetValue(k, out var n) && n == 1);
            var duplicated = keys.Count(k => posted.TryGetValue(k, out var n) && n > 1);
            var lost = keys.Count(k => !posted.ContainsKey(k));
            if (kill)
            {
                report.Line($"kill -9 during load: delivered once {once}/{keys.Count}, duplicated {duplicated}, lost {lost}");
                report.Figure("tout remis après le kill -9", seconds, "s", "2 instances dont une tuée (SIGKILL) au tiers puis remplacée");
            }
            else
            {
                report.Line(string.Create(CultureInfo.InvariantCulture, $"outbox throughput: {keys.Count / seconds:F0} messages/s (2 instances, PostgreSQL)"));
                report.Line($"two instances: delivered once {once}/{keys.Count}, duplicated {duplicated}, lost {lost}");
                report.Figure("temps processeur par message (2 instances)", cpuMs / keys.Count, "ms", $"charge moyenne de la machine {LoadAverage()}");
            }
        }
        finally
        {
            foreach (var p in processes) p.Kill();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>A bot process draining the outbox of this PostgreSQL database to the fake Slack, fast (short lease, polls and retries).</summary>
    internal static Dictionary<string, string?> OutboxProcessSettings(string connection, FakeSlackApi slack) => new()
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = connection,
        ["Slack:BotToken"] = "xoxb-bench",
        ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        ["Slack:MinIntervalPerChannelMs"] = "0",
        ["Delivery:OutboxParallelism"] = "32",
        ["Delivery:LeaseDuration"] = "00:00:05",
        ["Delivery:PollInterval"] = "00:00:00.100",
        ["Delivery:RetryBaseDelay"] = "00:00:00.200",
        ["Delivery:MaxRetryDelay"] = "00:00:02",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Serilog:MinimumLevel:Override:Communaute"] = "Error",
    };

    /// <summary>
    /// Migrates the database and writes the messages (not yet due: the instances start before the clock starts), with
    /// the bot's own proactive API; returns their keys.
    /// </summary>
    private static async Task<List<string>> EnqueueAsync(Dictionary<string, string?> settings, CancellationToken ct)
    {
        var builder = BotApp.CreateBuilder(settings.Select(kv => $"--{kv.Key}={kv.Value}")
            .Append("--Delivery:Scheduler:Enabled=false").Append("--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore=Fatal").ToArray(), logToStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        await StorageSetup.MigrateAsync(app.Services, ct);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetCurrentInstant();
        var channels = Enumerable.Range(0, OutboxChannels).Select(i => new Conversation
        {
            Channel = "slack", ChannelConversationId = $"C{i}", IsGroup = true, CreatedAt = now, LastActivityAt = now,
            ReferenceJson = Channels.Slack.SlackInboxHandler.Reference($"C{i}", "T1"),
        }).ToList();
        db.Conversations.AddRange(channels);
        await db.SaveChangesAsync(ct);
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
        var keys = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < OutboxMessages; i++)
        {
            var key = $"bench:{i}";
            await messenger.SendToConversationAsync(channels[i % channels.Count].Id, [Reply.Say($"Rappel n°{i}")], key, ct);
            keys.Add($"{key}/0");
        }
        await db.Set<OutboxMessage>().ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, NodaTime.Instant.MaxValue), ct);
        await transaction.CommitAsync(ct);
        return keys;
    }

    /// <summary>Makes every message due now.</summary>
    private static async Task ReleaseAsync(string connection, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""UPDATE "Outbox" SET "NextAttemptAt" = 0""", db);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The 1-minute load average (Linux), to read the latencies against.</summary>
    internal static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "inconnue"; }
    }

    internal static async Task WaitAsync(Func<bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done() && Stopwatch.GetTimestamp() < until) await Task.Delay(50, ct);
    }

    /// <summary>The shared fake Slack, counting chat.postMessage by the outbox key in its metadata (it keeps the messages for conversations.history).</summary>
    internal static async Task<FakeSlackApi> FakeSlackAsync(ConcurrentDictionary<string, int> posted)
    {
        var slack = await FakeSlackApi.StartAsync();
        slack.KeepCalls = false;
        slack.CallReceived += call =>
        {
            if (call.Method == "chat.postMessage") posted.AddOrUpdate(call.Body["metadata"]?["event_payload"]?["key"]?.ToString() ?? "", 1, (_, n) => n + 1);
        };
        return slack;
    }
}
