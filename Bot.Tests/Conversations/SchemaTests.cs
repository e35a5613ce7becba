using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>The schema the migrations build, on both providers: the model has its migration, unused tables are gone.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void The_model_has_no_change_missing_from_the_migrations_of_either_provider()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite : ./migrations.sh <Nom> manque");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL : ./migrations.sh <Nom> manque");
    }

    [Fact]
    public async Task The_unused_session_secrets_table_is_dropped_on_sqlite()
    {
        await using var host = await BotTestHost.StartAsync();
        Assert.Empty(await TablesAsync(host, "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'"));
    }

    [SkippableFact]
    public async Task The_unused_session_secrets_table_is_dropped_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var host = await BotTestHost.StartAsync(database.Settings);
        Assert.Empty(await TablesAsync(host, "SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    /// <summary>The tables of the migrated database that the signed links replaced.</summary>
    private static async Task<List<string>> TablesAsync(BotTestHost host, string sql)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var tables = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.SqlQueryRaw<string>(sql).ToListAsync();
        Assert.Contains("Outbox", tables);
        return tables.Where(t => t == "SessionSecrets").ToList();
    }
}
