using System.Collections.Concurrent;
using System.Data.Common;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Replies;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;
using Quartz;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// Quartz on the bot's database: the tables the migrations create are the ones Quartz 4.7.3 expects (compared with
/// the schema Quartz provisions itself), due work fires from Quartz, and on PostgreSQL two clustered instances fire a
/// due time once (a second run of the same work writes no second outbox row).
/// </summary>
public sealed class QuartzTests
{
    /// <summary>Work due every 3 seconds of real time: each run writes one outbox message keyed by its slot.</summary>
    public sealed class TickWork(ProactiveMessenger messenger, BotDbContext db, Ledger ledger, HostName host) : IDueWork
    {
        public const int Period = 3;
        public string Name => "test-tick";

        public async Task RunAsync(Instant now, CancellationToken ct)
        {
            var slot = now.ToUnixTimeSeconds() / Period * Period;
            var conversation = await db.Conversations.Where(c => c.ChannelConversationId == "tick").Select(c => c.Id).SingleAsync(ct);
            var written = await messenger.SendToConversationAsync(conversation, [Reply.Say($"tick {slot}")], $"tick:{slot}", ct);
            ledger.Runs.Enqueue((host.Name, slot, written));
        }

        public Task<Instant?> NextDueAsync(Instant now, CancellationToken ct) =>
            Task.FromResult<Instant?>(Instant.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / Period + 1) * Period));
    }

    /// <summary>Work due a day from now: nothing fires while a test moves its trigger.</summary>
    public sealed class TomorrowWork : IDueWork
    {
        public string Name => "test-tomorrow";
        public Task RunAsync(Instant now, CancellationToken ct) => Task.CompletedTask;
        public Task<Instant?> NextDueAsync(Instant now, CancellationToken ct) => Task.FromResult<Instant?>(now + Duration.FromDays(1));
    }

    public sealed class Ledger
    {
        public ConcurrentQueue<(string Host, long Slot, bool Written)> Runs { get; } = new();
    }

    public sealed record HostName(string Name);

    private static Action<IServiceCollection> Ticking(Ledger ledger, string name) => s =>
    {
        s.RemoveAll<TimeProvider>();
        s.AddSingleton(TimeProvider.System); // Quartz fires in real time
        s.AddSingleton(ledger);
        s.AddSingleton(new HostName(name));
        s.AddDueWork<TickWork>();
    };

    private static Dictionary<string, string?> Scheduling(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:Scheduler:Enabled"] = "true",
            ["Delivery:Scheduler:SweepInterval"] = "01:00:00",
            ["Delivery:ProcessOutbox"] = "false",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    private static async Task AddTickConversationAsync(BotTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetCurrentInstant();
        db.Conversations.Add(new Conversation { Channel = "webchat", ChannelConversationId = "tick", CreatedAt = now, LastActivityAt = now });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task On_sqlite_quartz_runs_due_work_from_the_tables_the_migrations_created()
    {
        var ledger = new Ledger();
        await using var host = await BotTestHost.StartAsync(Scheduling(), Ticking(ledger, "seul"), listen: true);
        await AddTickConversationAsync(host);

        var until = DateTime.UtcNow.AddSeconds(12);
        while (ledger.Runs.Count < 2 && DateTime.UtcNow < until) await Task.Delay(100);

        Assert.True(ledger.Runs.Count >= 2, $"{ledger.Runs.Count} exécution(s) en 12 s");
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var metadata = await scheduler.GetMetadata();
        Assert.True(metadata.JobStorePersistent);
        Assert.False(metadata.JobStoreClustered);
        Assert.NotNull(await scheduler.GetJobDetail(new JobKey("test-tick", QuartzDueWorkScheduler.Group)));
    }

    [Fact]
    public async Task Waking_a_due_work_earlier_moves_its_trigger()
    {
        await using var host = await BotTestHost.StartAsync(Scheduling(), s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton(TimeProvider.System); // Quartz fires in real time
            s.AddDueWork<TomorrowWork>();
        }, listen: true);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = new TriggerKey("test-tomorrow.next", QuartzDueWorkScheduler.Group);
        var planned = (await scheduler.GetTrigger(key))!.NextFireTimeUtc!.Value;

        var earlier = planned.AddHours(-1);
        await host.Services.GetRequiredService<IDueWorkScheduler>().WakeAtAsync("test-tomorrow", Instant.FromDateTimeOffset(earlier), default);
        Assert.Equal(earlier, (await scheduler.GetTrigger(key))!.NextFireTimeUtc);
        // A later wake-up does not postpone it.
        await host.Services.GetRequiredService<IDueWorkScheduler>().WakeAtAsync("test-tomorrow", Instant.FromDateTimeOffset(planned.AddMinutes(5)), default);
        Assert.Equal(earlier, (await scheduler.GetTrigger(key))!.NextFireTimeUtc);
    }

    [SkippableFact]
    public async Task On_postgresql_two_clustered_instances_fire_each_due_time_once_and_a_second_run_writes_nothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var ledger = new Ledger();
        var settings = Scheduling(database.Settings);
        await using var a = await BotTestHost.StartAsync(settings, Ticking(ledger, "a"), listen: true);
        await using var b = await BotTestHost.StartAsync(settings, Ticking(ledger, "b"), listen: true);
        await AddTickConversationAsync(a);

        var until = DateTime.UtcNow.AddSeconds(20);
        while (ledger.Runs.Select(r => r.Slot).Distinct().Count() < 4 && DateTime.UtcNow < until) await Task.Delay(100);

        var runs = ledger.Runs.ToList();
        Assert.True(runs.Select(r => r.Slot).Distinct().Count() >= 4, $"{runs.Count} exécution(s) : {string.Join(", ", runs)}");
        Assert.All(runs.GroupBy(r => r.Slot), slot => Assert.True(slot.Count() == 1, $"créneau {slot.Key} exécuté {slot.Count()} fois"));
        var scheduler = await a.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True((await scheduler.GetMetadata()).JobStoreClustered);

        // A double fire (Quartz is at-least-once): the second run of a slot writes no second message.
        await b.Services.GetRequiredService<DueWorkRunner>().RunAsync("test-tick");
        await a.Services.GetRequiredService<DueWorkRunner>().RunAsync("test-tick");
        await using var scope = a.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().Select(o => o.IdempotencyKey).ToListAsync();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains(ledger.Runs, r => !r.Written);
    }

    [Fact]
    public async Task The_sqlite_tables_are_the_ones_quartz_creates_itself() =>
        await AssertSameSchemaAsync(
            SqliteSchemaAsync,
            async () =>
            {
                var dir = Directory.CreateTempSubdirectory("communaute-quartz-");
                return ($"Data Source={Path.Combine(dir.FullName, "migrated.db")}", $"Data Source={Path.Combine(dir.FullName, "provisioned.db")}", false);
            });

    [SkippableFact]
    public async Task The_postgresql_tables_are_the_ones_quartz_creates_itself()
    {
        await using var migrated = await PostgresDatabase.CreateAsync();
        await using var provisioned = await PostgresDatabase.CreateAsync();
        await AssertSameSchemaAsync(PostgresSchemaAsync, () => Task.FromResult((migrated.ConnectionString, provisioned.ConnectionString, true)));
    }

    private static async Task AssertSameSchemaAsync(Func<string, Task<SortedSet<string>>> describe, Func<Task<(string Migrated, string Provisioned, bool Postgres)>> databases)
    {
        var (migrated, provisioned, postgres) = await databases();
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = migrated };
        if (postgres) settings["Storage:Provider"] = "PostgreSQL";
        await using (await BotTestHost.StartAsync(settings)) { }

        // Quartz's own idea of its schema: a scheduler with nothing but ProvisionSchema on an empty database.
        var services = new ServiceCollection().AddLogging();
        services.AddQuartz(q => q.UsePersistentStore(s =>
        {
            if (postgres) s.UsePostgres(provisioned);
            else s.UseSqlite(provisioned);
            s.ProvisionSchema();
        }));
        await using (var provider = services.BuildServiceProvider())
        {
            var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Start();
            await scheduler.Shutdown();
        }

        var expected = await describe(provisioned);
        var actual = await describe(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual.Where(l => l.StartsWith("qrtz_", StringComparison.Ordinal))));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>"table.column type notnull pk" for every Quartz column, and "index table(columns)" for every index.</summary>
    private static async Task<SortedSet<string>> SqliteSchemaAsync(string connectionString)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'");
        foreach (var table in tables)
        {
            foreach (var row in await RowsAsync(connection, $"PRAGMA table_info('{table}')"))
                // The official script writes "NVARCHAR (120)" in one table: the same type.
                lines.Add($"{table}.{row[1]} {((string)row[2]).Replace(" (", "(")} notnull={row[3]} pk={row[5]}".ToLowerInvariant());
            foreach (var index in await RowsAsync(connection, $"PRAGMA index_list('{table}')"))
            {
                var columns = (await RowsAsync(connection, $"PRAGMA index_xinfo('{index[1]}')")).Where(c => (long)c[5] == 1)
                    .Select(c => $"{c[2]}{((long)c[3] == 1 ? " desc" : "")}");
                lines.Add($"{table} index {string.Join(",", columns)} unique={index[2]}".ToLowerInvariant());
            }
        }
        return lines;
    }

    private static async Task<SortedSet<string>> PostgresSchemaAsync(string connectionString)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var row in await RowsAsync(connection, """
            SELECT c.table_name, c.column_name, c.data_type, coalesce(c.character_maximum_length, 0), c.is_nullable, coalesce(c.column_default, '')
            FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name LIKE 'qrtz%'
            """))
            lines.Add($"{row[0]}.{row[1]} {row[2]}({row[3]}) nullable={row[4]} default={row[5]}");
        foreach (var row in await RowsAsync(connection, "SELECT tablename, regexp_replace(indexdef, '^.* USING ', '') FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE 'qrtz%'"))
            lines.Add($"{row[0]} index {row[1]}");
        return lines;
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql) =>
        (await RowsAsync(connection, sql)).Select(r => (string)r[0]).ToList();

    private static async Task<List<object[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
