using System.Diagnostics;
using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Sessions.Bookings;
using Communaute.Bot.Sessions.Groups;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Sessions on a fresh SQLite file: a booking turn through the whole pipeline, 200 concurrent bookings on 8 seats,
/// 1,000 reminders due in the same minute handed to the outbox (the web chat's, until the shared outbox lands), and a
/// group proposal for 80 members with a history of meetings.
/// </summary>
public sealed class SessionsBenchmark : IBenchmark
{
    public string Name => "sessions";
    public string Description => "réservations, concurrence, rappels, groupes (SQLite)";

    public async Task RunAsync(BenchReport report, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("communaute-bench-sessions-");
        try
        {
            var clock = new BenchClock(Instant.FromUtc(2026, 11, 23, 9, 0));
            var builder = BotApp.CreateBuilder(
            [
                $"--Storage:ConnectionString=Data Source={Path.Combine(directory.FullName, "bot.db")}",
                "--Knowledge:WatchForChanges=false",
                "--urls=http://127.0.0.1:0",
            ], logToStandardError: true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton<TimeProvider>(clock);
            await using var app = await BotApp.BuildAsync(builder);
            var pipeline = app.Services.GetRequiredService<LocalTurns>();

            await BookingLatencyAsync(app.Services, pipeline, clock, report, ct);
            await ConcurrentBookingsAsync(app.Services, pipeline, clock, report, ct);
            await RemindersAsync(app.Services, pipeline, clock, report, ct);
            GroupProposal(report);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static IncomingTurn Turn(string user, string text) =>
        new() { Channel = "webchat", ConversationId = "w-" + user, UserId = user, UserName = "Membre " + user, Text = text };

    /// <summary>Sessions created directly by the admin service, each at its own start.</summary>
    private static async Task<List<long>> SessionsAsync(IServiceProvider services, IEnumerable<Instant> starts, int capacity, string reminders, Instant now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<SessionAdmin>();
        var facilitator = new MemberInfo(0, "Animation", DateTimeZoneProviders.Tzdb["Europe/Paris"], new HashSet<string>());
        ReminderOffsets.TryParse(reminders, out var offsets, out _);
        var ids = new List<long>();
        foreach (var start in starts)
        {
            var draft = new SessionDraft("Bench", null, start, 120, null, 1, capacity, 1, 0, 0, null, offsets);
            ids.Add((await admin.CreateAsync(draft, facilitator, now, ct)).Id);
        }
        return ids;
    }

    private static async Task BookingLatencyAsync(IServiceProvider services, LocalTurns pipeline, BenchClock clock, BenchReport report, CancellationToken ct)
    {
        var start = Instant.FromUtc(2027, 1, 14, 13, 0);
        var sessions = await SessionsAsync(services, Enumerable.Range(0, 40).Select(i => start + Duration.FromDays(i)), 8, "J-2,H-1", clock.Now, ct);
        var samples = new List<double>();
        for (var i = -20; i < 320; i++)
        {
            var user = "lat-" + i;
            await pipeline.HandleAsync(Turn(user, "bonjour"), ct);
            var t = Stopwatch.GetTimestamp();
            await pipeline.HandleAsync(Turn(user, $"réserver {sessions[(i + 20) % sessions.Count]}"), ct);
            if (i >= 0) samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        samples.Sort();
        report.Line(string.Create(CultureInfo.InvariantCulture, $"booking p95: {BenchReport.Percentile(samples, 0.95):F1} ms"));
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  (tour complet « réserver N » sur la page locale : p50 {BenchReport.Percentile(samples, 0.5):F1} ms, p99 {BenchReport.Percentile(samples, 0.99):F1} ms, {samples.Count} réservations)"));
    }

    private static async Task ConcurrentBookingsAsync(IServiceProvider services, LocalTurns pipeline, BenchClock clock, BenchReport report, CancellationToken ct)
    {
        var id = (await SessionsAsync(services, [Instant.FromUtc(2027, 3, 11, 13, 0)], 8, "J-2,H-1", clock.Now, ct))[0];
        var errors = 0;
        using var gate = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            gate.Wait(ct);
            try { await pipeline.HandleAsync(Turn("storm-" + i, $"réserver {id}"), ct); }
            catch (Exception) { Interlocked.Increment(ref errors); }
        }, ct)).ToList();
        var t = Stopwatch.GetTimestamp();
        gate.Set();
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(t);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var confirmed = await db.Set<Booking>().CountAsync(b => b.SessionId == id && b.Status == BookingStatus.Confirmed, ct);
        var waitlisted = await db.Set<Booking>().CountAsync(b => b.SessionId == id && b.Status == BookingStatus.Waitlisted, ct);
        report.Line($"concurrent bookings: 200 requests, {confirmed} confirmed, {waitlisted} waitlisted, {errors} errors");
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  (200 tours simultanés traités en {elapsed.TotalSeconds:F2} s)"));
    }

    private static async Task RemindersAsync(IServiceProvider services, LocalTurns pipeline, BenchClock clock, BenchReport report, CancellationToken ct)
    {
        // 125 sessions of 8, starting one per half-second within one minute: their H-1 reminders fall in the same minute.
        var first = Instant.FromUtc(2027, 5, 20, 13, 0);
        await using (var cleanup = services.CreateAsyncScope())
        {
            // What the earlier measures planned (their reminders, summaries…) is not part of this one.
            await cleanup.ServiceProvider.GetRequiredService<BotDbContext>().Set<SessionAgendaItem>().Where(a => a.DoneAt == null).ExecuteDeleteAsync(ct);
        }
        clock.Now = first - Duration.FromHours(3);
        var sessions = await SessionsAsync(services, Enumerable.Range(0, 125).Select(i => first + Duration.FromMilliseconds(480 * i)), 8, "H-1", clock.Now, ct);
        for (var i = 0; i < 1000; i++)
            await pipeline.HandleAsync(Turn("rem-" + i, $"réserver {sessions[i / 8]}"), ct);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var due = await db.Set<SessionAgendaItem>().CountAsync(a => a.Kind == AgendaKind.Reminder && a.DoneAt == null && a.DueAt >= first - Duration.FromHours(1) && a.DueAt < first - Duration.FromHours(1) + Duration.FromMinutes(1), ct);
        var outbox = db.Set<Communaute.Bot.Delivery.OutboxMessage>();
        var before = await outbox.CountAsync(ct);

        clock.Now = first - Duration.FromHours(1) + Duration.FromMinutes(1);
        var runner = services.GetRequiredService<DueWorkRunner>();
        var t = Stopwatch.GetTimestamp();
        await runner.RunAsync("sessions", ct);
        var elapsed = Stopwatch.GetElapsedTime(t);
        var sent = await outbox.CountAsync(ct) - before;
        // Run again, twice at once (two instances, a job fired twice): nothing more may be sent.
        await Task.WhenAll(runner.RunAsync("sessions", ct), runner.RunAsync("sessions", ct));
        var duplicated = await outbox.CountAsync(ct) - before - sent;
        report.Line(string.Create(CultureInfo.InvariantCulture, $"reminders due in one minute: {sent} sent in {elapsed.TotalSeconds:F1} s, duplicated {duplicated}"));
        report.Line($"  ({due} rappels dus dans la même minute, écrits dans l'outbox, chacun sous sa clé d'idempotence)");
    }

    private static void GroupProposal(BenchReport report)
    {
        string[] regions = ["Bretagne", "Occitanie", "Île-de-France", "La Réunion", "Guadeloupe", "Grand Est", "Normandie", "Corse"];
        var members = Enumerable.Range(1, 80).Select(i => new GroupCandidate(i, $"Membre {i:00}", $"Structure {(i - 1) / 4}", regions[i % regions.Length])).ToList();
        // Four earlier monthly rounds of random groups of six: 4 × ~200 pairs already met.
        var random = new Random(7);
        var history = new HashSet<(long, long)>();
        for (var round = 0; round < 4; round++)
        {
            var order = members.Select(m => m.Id).ToArray();
            random.Shuffle(order);
            foreach (var block in order.Chunk(6))
                for (var i = 0; i < block.Length; i++)
                    for (var j = i + 1; j < block.Length; j++)
                        history.Add(GroupPlanner.Key(block[i], block[j]));
        }
        GroupPlanner.Propose(members.Take(20).ToList(), history);
        var t = Stopwatch.GetTimestamp();
        var proposal = GroupPlanner.Propose(members, history);
        var elapsed = Stopwatch.GetElapsedTime(t);
        report.Line(string.Create(CultureInfo.InvariantCulture, $"group proposal for 80 members: {elapsed.TotalMilliseconds:F0} ms, repeated pairs {proposal.RepeatedPairs}"));
        report.Line($"  ({proposal.Groups.Count} groupes, {history.Count} paires déjà rencontrées dans l'historique, {proposal.SameOrganisationPairs} paires de la même structure)");
    }
}
