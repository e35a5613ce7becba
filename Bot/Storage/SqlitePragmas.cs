using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Communaute.Bot.Storage;

/// <summary>
/// Per-connection SQLite settings: synchronous=NORMAL with the WAL journal (durable across a crash of the bot,
/// far fewer fsyncs than FULL) and a busy timeout so concurrent turns wait for the writer instead of failing.
/// The WAL journal itself is a property of the file, set once at start-up (<see cref="JournalMode"/>). The settings
/// last as long as the native connection, which the pool keeps: they are applied once per native connection.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _applied = new();

    public const string JournalMode = "PRAGMA journal_mode=WAL;";
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpening(connection)) return;
        Apply(connection);
        Applied(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpening(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Applied(connection);
    }

    private bool FirstOpening(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } native } || !_applied.TryGetValue(native, out _);

    private void Applied(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } native }) _applied.AddOrUpdate(native, native);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
