using Npgsql;

namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>A uniquely named database on the test PostgreSQL server (skips without one), dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;
    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>The bot's settings for this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = ConnectionString,
    };

    private PostgresDatabase(string server, string name, int maxPoolSize)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <param name="maxPoolSize">Connections per host: hosts sharing the test server with other work keep under its limit.</param>
    public static async Task<PostgresDatabase> CreateAsync(int maxPoolSize = 40)
    {
        var server = ExternalTools.RequirePostgres();
        var database = new PostgresDatabase(server, "communaute_test_" + Guid.NewGuid().ToString("N")[..12], maxPoolSize);
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database.Name}", admin);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
