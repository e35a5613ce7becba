using System.Data.Common;
using Communaute.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Every SQLite connection waits for the write lock inside SQLite (busy_timeout: short, growing sleeps) rather than in the
/// driver's fixed 150 ms retry loop. Under a burst of Slack events the queue writer and the turns compete for the lock;
/// this keeps the acknowledgement tail in milliseconds. No effect on PostgreSQL.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Register(IServiceCollection services) =>
        services.ConfigureDbContext<SqliteBotDbContext>((_, options) => options.AddInterceptors(new SqliteBusyTimeoutInterceptor()));
}
