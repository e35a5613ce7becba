using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Communaute.Bot.Storage;

/// <summary>The SQLite flavour, with its own migrations (Storage/Migrations/Sqlite).</summary>
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options);

/// <summary>The PostgreSQL flavour, with its own migrations (Storage/Migrations/Postgres).</summary>
public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options);

/// <summary>Lets `dotnet ef migrations add` build the contexts without starting the bot.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBotDbContext>
{
    public SqliteBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBotDbContext>
{
    public PostgresBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
