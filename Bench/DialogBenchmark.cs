using System.Diagnostics;
using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Dialog turns through the whole pipeline on a fresh SQLite file (member lookup, state load, answer, state save),
/// the final turn of a characterisation (result, chart, card), and the radar chart alone.
/// </summary>
public sealed class DialogBenchmark : IBenchmark
{
    private const int Holders = 30;

    public string Name => "dialog";
    public string Description => "tours de dialogue (caractérisation) sur SQLite, rendu du graphique radar";

    /// <summary>The engine's own share of a turn: load the state, write it back (conditional on its revision).</summary>
    private static async Task<List<double>> StateRoundTripsAsync(IServiceProvider services, CancellationToken ct)
    {
        var samples = new List<double>();
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Communaute.Dialogs.Engine.IDialogStateStore>();
        var json = "{\"dialogId\":\"bench\",\"stepId\":\"s\",\"answers\":{}}";
        await store.SaveAsync(-1, -1, "bench", json, null, ct);
        for (var i = 0; i < 320; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var stored = await store.LoadAsync(-1, -1, ct);
            await store.SaveAsync(-1, -1, "bench", json, stored!.Revision, ct);
            if (i >= 20) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        await store.DeleteAsync(-1, -1, null, ct);
        return samples;
    }

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("communaute-bench-dialog-");
        try
        {
            var builder = BotApp.CreateBuilder(
            [
                $"--Storage:ConnectionString=Data Source={Path.Combine(directory.FullName, "bot.db")}",
                "--Knowledge:WatchForChanges=false",
                "--urls=http://127.0.0.1:0",
            ], logToStandardError: true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            await using var app = await BotApp.BuildAsync(builder);
            var pipeline = app.Services.GetRequiredService<LocalTurns>();

            var levels = new[] { "fort", "faible", "intermediaire", "2", "fort", "inexistant", "je ne sais pas", "faible", "3", "fort", "faible : à revoir", "intermédiaire" };
            var turns = new List<double>();
            var finals = new List<double>();
            for (var h = -2; h < Holders; h++)
            {
                // The first two holders warm the JIT and the connection pool; they are not measured.
                var user = "bench-" + h;
                async Task<double> Turn(string text)
                {
                    var start = Stopwatch.GetTimestamp();
                    await pipeline.HandleAsync(new IncomingTurn { Channel = "bench", ConversationId = "c-" + user, UserId = user, UserName = "Porteur " + h, Text = text }, cancellationToken);
                    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
                var times = new List<double>
                {
                    await Turn("caractériser"),
                    await Turn("commencer"),
                    await Turn("Un besoin social mal couvert sur notre territoire."),
                    await Turn("Une réponse nouvelle, portée par un collectif."),
                    await Turn("Moins d'isolement."),
                };
                foreach (var level in levels) times.Add(await Turn(level));
                times.Add(await Turn("retour"));
                times.Add(await Turn("intermédiaire"));
                var final = await Turn("valider");
                if (h < 0) continue;
                turns.AddRange(times);
                finals.Add(final);
            }
            report.Latencies("tour de dialogue (état lu + écrit)", turns);
            report.Latencies("  dont état seul : lecture + écriture", await StateRoundTripsAsync(app.Services, cancellationToken));
            report.Latencies("tour final (résultat + graphique + carte)", finals);

            var grid = Grid.Current;
            var now = grid.Criteria.Select((c, i) => (c.Id, i % 4)).ToDictionary(x => x.Id, x => x.Item2);
            var before = grid.Criteria.ToDictionary(c => c.Id, _ => 1);
            RadarChart.RenderPng(grid, now, before);
            var renders = new List<double>();
            var bytes = 0;
            for (var i = 0; i < 40; i++)
            {
                var start = Stopwatch.GetTimestamp();
                bytes = RadarChart.RenderPng(grid, now, i % 2 == 0 ? before : null).Length;
                renders.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            report.Latencies("graphique radar 12 axes (PNG 900×760)", renders);
            report.Figure("taille du PNG", bytes / 1024.0, "Ko");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
