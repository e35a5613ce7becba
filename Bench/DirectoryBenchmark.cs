using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.ExperienceDirectory;
using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// The experience directory: a search in French over 5,000 published cards (the whole service: reading the question, freshness check, index,
/// check of the results against the database), and introductions requested and accepted by two instances racing on the
/// same requests on PostgreSQL (<c>COMMUNAUTE_TEST_POSTGRES</c>), delivered by two bot processes one of which is killed
/// (kill -9) mid-wave: each request and each introduction reaches Slack once.
/// </summary>
public sealed class DirectoryBenchmark : IBenchmark
{
    public string Name => "directory";
    public string Description => "annuaire : recherche sur 5 000 fiches, mises en relation sur 2 instances PostgreSQL avec un kill -9";

    private const int Cards = 5000;
    private const int Searches = 1000;
    private const int Pairs = 200;

    private static readonly string[] Subjects =
    [
        "financement participatif", "statut SCIC", "essaimage en zone rurale", "mécénat de compétences", "subventions européennes FSE",
        "gouvernance partagée", "mesure d'impact social", "tiers-lieu", "insertion par l'activité économique", "levée de fonds",
        "bénévolat", "recrutement", "comptabilité d'association", "marchés publics", "communication digitale", "prêt d'honneur",
        "économie circulaire", "réemploi du matériel informatique", "circuits courts alimentaires", "mobilité en milieu rural",
        "habitat partagé", "personnes âgées isolées", "jeunes décrocheurs", "handicap et emploi", "coopérative d'activité et d'emploi",
        "appel à projets", "fondations d'entreprise", "modèle économique hybride", "animation de communauté", "formation des salariés",
    ];

    private static readonly string[] Questions =
    [
        "qui peut m'aider sur le financement ?", "qui a déjà monté une SCIC ?", "quelqu'un connaît l'essaimage en Normandie ?",
        "qui s'y connaît en mécénat ?", "qui peut m'aider sur la mesure d'impact ?", "qui a de l'expérience en tiers-lieux à la Réunion ?",
        "qui peut m'aider sur le finacement participatf ?", "quelqu'un connaît les marchés publics ?", "qui peut m'aider sur la recette de la tarte tatin ?",
        "qui a déjà travaillé avec des personnes âgées en Bretagne ?", "qui peut m'aider sur le FSE ?", "qui connaît les circuits courts ?",
    ];

    public async Task RunAsync(BenchReport report, CancellationToken ct)
    {
        await SearchAsync(report, ct);
        await IntroductionsAsync(report, ct);
    }

    private static async Task<WebApplication> HostAsync(string[] storage, BenchClock clock)
    {
        var builder = BotApp.CreateBuilder([.. storage, "--Knowledge:WatchForChanges=false", "--urls=http://127.0.0.1:0", "--Delivery:Scheduler:Enabled=false"],
            logToStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(clock);
        return await BotApp.BuildAsync(builder);
    }

    private static async Task SearchAsync(BenchReport report, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("communaute-bench-directory-");
        try
        {
            var clock = new BenchClock(Instant.FromUtc(2026, 12, 7, 9, 0));
            await using var app = await HostAsync([$"--Storage:ConnectionString=Data Source={Path.Combine(directory.FullName, "bot.db")}"], clock);
            await SeedCardsAsync(app.Services, Cards, clock.Now, ct);
            var asker = await MemberAsync(app.Services, "bench-asker", clock.Now, ct);

            var samples = new List<double>();
            var found = 0;
            for (var i = -50; i < Searches; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var question = DirectoryQuestion.Read(Questions[(i + 50) % Questions.Length])!;
                await using var scope = app.Services.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<DirectorySearchService>().SearchAsync(asker.Id, question, DirectorySearchService.MaxResults, ct);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (i < 0) continue;
                samples.Add(ms);
                found += results.Count;
            }
            samples.Sort();
            report.Line(string.Create(CultureInfo.InvariantCulture, $"directory search p95: {BenchReport.Percentile(samples, 0.95):F2} ms ({Cards} cards)"));
            report.Figure("recherche p50", BenchReport.Percentile(samples, 0.50), "ms", $"{Searches} recherches, {found / (double)Searches:F1} fiches par réponse");
            report.Figure("recherche p99", BenchReport.Percentile(samples, 0.99), "ms", "service complet : lecture de la question, fraîcheur, index, vérification en base (SQLite)");

            // The in-memory part alone (French analysis, synonyms, typos, ranking), without the database.
            await using var indexScope = app.Services.CreateAsyncScope();
            var index = await app.Services.GetRequiredService<DirectoryIndexCache>().GetAsync(indexScope.ServiceProvider.GetRequiredService<BotDbContext>(), ct);
            var inMemory = new List<double>();
            for (var i = 0; i < Searches; i++)
            {
                var question = DirectoryQuestion.Read(Questions[i % Questions.Length])!;
                var start = Stopwatch.GetTimestamp();
                index.Search(question.Topic, question.Region, DirectorySearchService.MaxResults + 5);
                inMemory.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            report.Latencies($"index en mémoire seul ({index.Count} fiches)", inMemory);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Two in-process instances on one PostgreSQL database each receive every request and every « Accepter » at once,
    /// while two bot processes deliver the outbox to a fake Slack; once a third is delivered one process gets kill -9
    /// (SIGKILL) and another takes its place. Each request and each introduction must reach Slack once.
    /// </summary>
    private static async Task IntroductionsAsync(BenchReport report, CancellationToken ct)
    {
        var postgres = Environment.GetEnvironmentVariable("COMMUNAUTE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            report.Line("introductions: non mesuré (2 instances, kill -9, PostgreSQL) — pas de serveur PostgreSQL : eval \"$(.ci/start-postgres.sh)\" puis relancer");
            return;
        }
        var database = "communaute_bench_" + Guid.NewGuid().ToString("N")[..10];
        await ExecuteAsync(postgres, $"CREATE DATABASE {database}");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 20 }.ConnectionString;
        var posted = new ConcurrentDictionary<string, int>();
        var processes = new List<BotChildProcess>();
        try
        {
            await using var slack = await DeliveryBenchmark.FakeSlackAsync(posted);
            var settings = DeliveryBenchmark.OutboxProcessSettings(connection, slack);
            var clock = new BenchClock(SystemClock.Instance.GetCurrentInstant());
            // The instances' losing inserts (the pair's unique key, as expected) are not worth an error log each.
            string[] storage = ["--Storage:Provider=PostgreSQL", $"--Storage:ConnectionString={connection}", "--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore=Fatal"];
            await using var first = await HostAsync(storage, clock);
            await using var second = await HostAsync(storage, clock);
            var pairs = new List<(MemberInfo Asker, MemberInfo Peer)>();
            for (var i = 0; i < Pairs; i++)
            {
                var peer = await MemberAsync(first.Services, $"UPEER{i}", clock.Now, ct, slackDirect: true);
                await SeedCardAsync(first.Services, peer.Id, "financement participatif", "Normandie", clock.Now, ct);
                pairs.Add((await MemberAsync(first.Services, $"UASKER{i}", clock.Now, ct, slackDirect: true), peer));
            }
            processes.Add(await BotChildProcess.StartAsync(settings!, ct));
            processes.Add(await BotChildProcess.StartAsync(settings!, ct));

            var postedAtKill = 0;
            var killed = Task.Run(async () =>
            {
                await DeliveryBenchmark.WaitAsync(() => posted.Count >= 2 * Pairs / 3, TimeSpan.FromSeconds(120), ct);
                postedAtKill = posted.Count;
                processes[0].Kill();
                processes.Add(await BotChildProcess.StartAsync(settings!, ct));
            }, ct);
            var accepted = new ConcurrentBag<long>();
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (pair, token) =>
            {
                await Task.WhenAll(
                    RequestAsync(first.Services, pair.Asker, pair.Peer.Id, clock.Now, token),
                    RequestAsync(second.Services, pair.Asker, pair.Peer.Id, clock.Now, token));
                var id = await IdOfAsync(first.Services, pair.Asker.Id, pair.Peer.Id, token);
                if (id is null) return;
                var outcomes = await Task.WhenAll(
                    AcceptAsync(first.Services, pair.Peer, id.Value, clock.Now, token),
                    AcceptAsync(second.Services, pair.Peer, id.Value, clock.Now, token));
                foreach (var ok in outcomes.Where(o => o)) accepted.Add(id.Value);
            });
            await killed;

            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var requested = await db.Set<IntroductionRequest>().CountAsync(ct);
            var keys = await db.Set<OutboxMessage>().Where(o => o.IdempotencyKey.StartsWith("annuaire:")).Select(o => o.IdempotencyKey).ToListAsync(ct);
            // Slack is told the outbox key and the part ("key/0"): a message reached Slack as many times as its most posted part.
            int Times(string key) => posted.Where(p => p.Key.StartsWith(key + "/", StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(0).Max();
            await DeliveryBenchmark.WaitAsync(() => keys.All(k => Times(k) > 0), TimeSpan.FromSeconds(180), ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // late duplicates would show up here

            var introductions = keys.Where(k => k.StartsWith("annuaire:acceptee:", StringComparison.Ordinal)).ToList();
            var requests = keys.Where(k => k.StartsWith("annuaire:demande:", StringComparison.Ordinal)).ToList();
            var duplicated = (accepted.Count - accepted.Distinct().Count()) + Math.Max(0, requested - Pairs)
                             + keys.Count - keys.Distinct().Count() + keys.Sum(k => Math.Max(0, Times(k) - 1));
            report.Line($"introductions: {requested} requested, {introductions.Count(k => Times(k) == 1)} delivered once, duplicated {duplicated}");
            report.Line($"  (PostgreSQL : 2 instances reçoivent chacune chaque demande et chaque « Accepter » ; 2 processus du bot remettent l'outbox à Slack, "
                        + $"l'un tué par kill -9 après {postedAtKill} envois sur {keys.Count} puis remplacé ; demandes remises une fois {requests.Count(k => Times(k) == 1)}/{requests.Count}, "
                        + $"messages perdus {keys.Count(k => Times(k) == 0)})");
        }
        finally
        {
            foreach (var p in processes) p.Kill();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var admin = new Npgsql.NpgsqlConnection(connection);
        await admin.OpenAsync(CancellationToken.None);
        await using var command = new Npgsql.NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task RequestAsync(IServiceProvider services, MemberInfo asker, long peerId, Instant now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IntroductionService>().RequestAsync(asker, peerId, "financement participatif", now, ct);
    }

    private static async Task<bool> AcceptAsync(IServiceProvider services, MemberInfo peer, long requestId, Instant now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var reply = await scope.ServiceProvider.GetRequiredService<IntroductionService>().AcceptAsync(peer, requestId, now, ct);
        return reply.Card?.Title == "Mise en relation acceptée";
    }

    private static async Task<long?> IdOfAsync(IServiceProvider services, long asker, long peer, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<IntroductionRequest>()
            .Where(r => r.AskerId == asker && r.PeerId == peer).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>A member; with <paramref name="slackDirect"/>, a Slack member whose direct messages the bot can write to.</summary>
    private static async Task<MemberInfo> MemberAsync(IServiceProvider services, string user, Instant now, CancellationToken ct, bool slackDirect = false)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var member = new Member { Channel = slackDirect ? "slack" : "bench", ChannelUserId = user, DisplayName = "Membre " + user, CreatedAt = now, LastSeenAt = now };
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        if (slackDirect)
        {
            db.Conversations.Add(new Conversation
            {
                Channel = "slack", ChannelConversationId = "D" + user, DirectMemberId = member.Id, CreatedAt = now, LastActivityAt = now,
                ReferenceJson = Channels.Slack.SlackInboxHandler.Reference("D" + user, "T1"),
            });
            await db.SaveChangesAsync(ct);
        }
        return new MemberInfo(member.Id, member.DisplayName, DateTimeZoneProviders.Tzdb["Europe/Paris"], new HashSet<string>());
    }

    private static async Task SeedCardAsync(IServiceProvider services, long memberId, string helps, string region, Instant now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        db.Add(new ExperienceCard
        {
            MemberId = memberId, HelpsWith = helps, Region = region, Status = CardStatus.Published, ConsentedAt = now, PublishedAt = now,
            CreatedAt = now, UpdatedAt = now, Version = 1,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Members with published cards: up to three subjects each, and a region.</summary>
    private static async Task SeedCardsAsync(IServiceProvider services, int count, Instant now, CancellationToken ct)
    {
        var random = new Random(42);
        for (var batch = 0; batch < count; batch += 500)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var members = Enumerable.Range(batch, Math.Min(500, count - batch))
                .Select(i => new Member { Channel = "bench", ChannelUserId = "m" + i, DisplayName = "Membre " + i, CreatedAt = now, LastSeenAt = now })
                .ToList();
            db.Members.AddRange(members);
            await db.SaveChangesAsync(ct);
            foreach (var m in members)
            {
                var helps = string.Join(", ", Enumerable.Range(0, 3).Select(_ => Subjects[random.Next(Subjects.Length)]).Distinct());
                db.Add(new ExperienceCard
                {
                    MemberId = m.Id, HelpsWith = helps, Region = RegionNames.All[random.Next(RegionNames.All.Count)],
                    Status = CardStatus.Published, ConsentedAt = now, PublishedAt = now, CreatedAt = now, UpdatedAt = now, Version = 1,
                });
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
