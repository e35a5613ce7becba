using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Delivery;
using Communaute.Bot.Digest;
using Communaute.Bot.Hosting;
using Communaute.Bot.Sessions;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Knowledge;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// The monthly digest: building a draft from a busy month (1,000 questions answered, 1,000 unanswered, 50 open
/// sessions), posting it to 100 channels (50 Teams, 50 Slack, against local fakes that count what they receive), and
/// two bot instances on one database racing to post it. Posting writes the outbox; the figures count what the fakes
/// received once the outbox has delivered. Set BENCH_DIGEST_POSTGRES to a connection string (a database
/// that may be created and dropped) for the race on PostgreSQL; SQLite otherwise.
/// </summary>
public sealed class DigestBenchmark : IBenchmark
{
    private const int Questions = 1000;
    private const int Sessions = 50;
    private const int Channels = 100;
    private const int BuildRuns = 10;

    public string Name => "digest";
    public string Description => "digest : construction d'un mois chargé, publication dans 100 canaux, deux instances";

    public async Task RunAsync(BenchReport report, CancellationToken ct)
    {
        var received = new ConcurrentDictionary<string, int>();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var teams = await FakeBotFramework.StartAsync();
        CountPosts(slack, teams, received);
        var data = Directory.CreateTempSubdirectory("communaute-bench-digest-");
        var postgres = Environment.GetEnvironmentVariable("BENCH_DIGEST_POSTGRES");
        var storage = postgres is { Length: > 0 }
            ? new[] { "--Storage:Provider=PostgreSQL", $"--Storage:ConnectionString={postgres}" }
            : [$"--Storage:ConnectionString=Data Source={Path.Combine(data.FullName, "bot.db")}"];
        try
        {
            await using var first = await StartHostAsync(storage, slack.BaseUrl);
            await SeedAsync(first.Services, teams.ServiceUrl, ct);

            // Build: the draft from the month's sources, composed into the messages every channel gets.
            var builds = new List<double>();
            for (var i = -2; i < BuildRuns; i++)
            {
                await using var scope = first.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
                await db.Set<DigestRecord>().ExecuteDeleteAsync(ct);
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetCurrentInstant();
                var start = Stopwatch.GetTimestamp();
                var digest = await scope.ServiceProvider.GetRequiredService<DigestLifecycle>().CreateDraftAsync(DigestCalendar.MonthOf(now), now, ct);
                var replies = DigestComposer.Compose(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value);
                if (i >= 0) builds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (replies.Count == 0) throw new InvalidOperationException("le mois de test devait donner un digest");
            }
            builds.Sort();
            report.Line(string.Create(CultureInfo.InvariantCulture, $"digest build: {BenchReport.Percentile(builds, 0.5):F0} ms"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  (médiane de {BuildRuns} constructions ; pire {builds[^1]:F0} ms ; {Questions} questions répondues, {Questions} sans réponse, {Sessions} sessions)"));

            // One instance posts to 100 channels.
            received.Clear();
            var clock = Stopwatch.StartNew();
            await using (var scope = first.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DigestLifecycle>().PostNowAsync(Facilitator, first.Services.GetRequiredService<TimeProvider>().GetCurrentInstant(), ct);
            // Posting writes the outbox; the time counts until the outbox has delivered every message.
            await first.Services.GetRequiredService<OutboxSender>().DrainAsync(ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var (once, duplicated) = Count(received);
            report.Line(string.Create(CultureInfo.InvariantCulture, $"digest to 100 channels: posted once {once}/{Channels}, duplicated {duplicated}, in {seconds:F1} s"));

            // Two instances on one database race to post the next one.
            received.Clear();
            await using var second = await StartHostAsync(storage, slack.BaseUrl);
            await using (var scope = first.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
                // Next month's digest (this month's was posted above: its keys are used), due now.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetCurrentInstant();
                var lifecycle = scope.ServiceProvider.GetRequiredService<DigestLifecycle>();
                var next = await lifecycle.CreateDraftAsync(DigestCalendar.MonthOf(now).PlusMonths(1), now, ct);
                await db.Set<DigestRecord>().Where(d => d.Id == next.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, DigestStatus.Approved).SetProperty(d => d.ScheduledAt, now).SetProperty(d => d.ApprovedByName, "Bench"), ct);
                var digest = await db.Set<DigestRecord>().SingleAsync(d => d.Id == next.Id, ct);
                await scope.ServiceProvider.GetRequiredService<DigestPoster>().AddPostingsAsync(digest, now, ct);
            }
            // Both instances sweep at the same moments, as a scheduler on each would, until nothing is left to post.
            var rounds = 0;
            for (; rounds < 10 && await PendingAsync(first, ct) > 0; rounds++)
                await Task.WhenAll(new[] { first, second }.SelectMany(h => Enumerable.Range(0, 2).Select(_ =>
                    Task.Run(() => h.Services.GetRequiredService<DueWorkRunner>().RunAllAsync(ct), ct))));
            await Task.WhenAll(new[] { first, second }.Select(h => Task.Run(() => h.Services.GetRequiredService<OutboxSender>().DrainAsync(ct), ct)));
            (once, duplicated) = Count(received);
            report.Line($"two instances: posted once {once}/{Channels}, duplicated {duplicated}");
            report.Line($"  ({(postgres is { Length: > 0 } ? "PostgreSQL" : "SQLite")}, 2 instances × 2 passages simultanés, {rounds} tour(s))");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> PendingAsync(WebApplication host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DigestPosting>().CountAsync(p => p.Status == DigestPostingStatus.Pending, ct);
    }

    private static readonly MemberInfo Facilitator = new(0, "Bench", DigestCalendar.Paris, new HashSet<string> { MemberRoles.Facilitator });

    private static (int Once, int Duplicated) Count(ConcurrentDictionary<string, int> received) =>
        (received.Count(kv => kv.Value == 1), received.Sum(kv => Math.Max(0, kv.Value - 1)));

    private static async Task<WebApplication> StartHostAsync(string[] storage, string slackApiUrl)
    {
        var builder = BotApp.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            .. storage,
            "--Knowledge:WatchForChanges=false",
            "--Slack:SigningSecret=bench", "--Slack:BotToken=xoxb-bench", $"--Slack:ApiBaseUrl={slackApiUrl}",
            "--Serilog:MinimumLevel:Default=Warning", "--Serilog:MinimumLevel:Override:Communaute=Warning",
            // Two instances building the same draft: the loser's unique-key error is expected and handled.
            "--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore=Fatal",
        ], logToStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ISessionDirectory, BenchSessions>();
        return await BotApp.BuildAsync(builder);
    }

    private static async Task SeedAsync(IServiceProvider services, string serviceUrl, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (await db.Set<DigestTarget>().AnyAsync(ct)) return;
        var entries = scope.ServiceProvider.GetRequiredService<KnowledgeService>().Current.Entries;
        var now = services.GetRequiredService<TimeProvider>().GetCurrentInstant();
        var random = new Random(11);
        for (var i = 0; i < Questions; i++)
        {
            var at = now - Duration.FromMinutes(random.Next(10, 60 * 24 * 20));
            db.AnswerAudits.Add(new AnswerAudit
            {
                At = at, Channel = "bench", Question = $"Question {i}", Outcome = "answer",
                Sources = entries[(int)Math.Floor(Math.Pow(random.NextDouble(), 3) * entries.Count)].Id, TopScore = 10,
            });
            db.UnansweredQuestions.Add(new UnansweredQuestion { Text = $"Question sans réponse n°{i % 700} sur un sujet pointu", Channel = "bench", AskedAt = at, Status = UnansweredStatus.Open });
        }
        for (var i = 0; i < Channels; i++)
        {
            var teams = i % 2 == 0;
            var id = teams ? $"19:bench-{i}@thread.tacv2" : $"CBENCH{i:D3}";
            db.Conversations.Add(new Conversation
            {
                Channel = teams ? "msteams" : "slack", ChannelConversationId = id, IsGroup = true, CreatedAt = now, LastActivityAt = now,
                ReferenceJson = teams
                    ? new TeamsConversationReference { ServiceUrl = serviceUrl, ConversationId = id, BotId = "28:bench", TenantId = "bench" }.ToJson()
                    : new JsonObject { ["channel"] = id }.ToJsonString(),
            });
        }
        await db.SaveChangesAsync(ct);
        foreach (var c in await db.Conversations.Where(c => c.IsGroup).ToListAsync(ct))
            db.Set<DigestTarget>().Add(new DigestTarget { ConversationId = c.Id, AddedAt = now });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Counts the messages each bench channel receives: Slack's chat.postMessage, the Bot Connector's new activities.</summary>
    private static void CountPosts(FakeSlackApi slack, FakeBotFramework teams, ConcurrentDictionary<string, int> received)
    {
        slack.CallReceived += call =>
        {
            if (call.Method == "chat.postMessage" && call.Str("channel") is { } channel && channel.StartsWith("CBENCH", StringComparison.Ordinal))
                received.AddOrUpdate(channel, 1, (_, n) => n + 1);
        };
        teams.CallReceived += call =>
        {
            if (call.Method == "POST" && call.RawPath.EndsWith("/activities", StringComparison.Ordinal) && call.Conversation is { } conversation)
                received.AddOrUpdate(conversation, 1, (_, n) => n + 1);
        };
    }

    private sealed class BenchSessions : ISessionDirectory
    {
        public Task<IReadOnlyList<OpenSessionSummary>> UpcomingWithOpenSeatsAsync(Instant from, Instant to, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<OpenSessionSummary>>(Enumerable.Range(1, Sessions).Select(i => new OpenSessionSummary(
                i, $"Session de co-développement {i}", "Financer son projet", from + Duration.FromDays(i % 30 + 1), Duration.FromHours(2),
                DigestCalendar.Paris, 1 + i % 5, 8, "Camille")).ToList());

        public string BookingChoiceValue(long sessionId, string? source = null) => $"réserver la session {sessionId} via {source}";
        public Task<int> CountBookingsFromAsync(string source, Instant since, CancellationToken ct) => Task.FromResult(0);
    }
}
