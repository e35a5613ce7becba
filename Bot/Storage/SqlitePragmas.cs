using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Communaute.Bot.Storage;

/// <summary>
/// Per-connection SQLite settings: synchronous=NORMAL with the WAL journal (durable across a crash of the bot,
/// far fewer fsyncs than FULL) and a busy timeout so concurrent turns wait for the writer instead of failing.
/// The WAL journal itself is a property of the file, set once at start-up (<see cref="JournalMode"/>).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string JournalMode = "PRAGMA journal_mode=WAL;";
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
