using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Storage;

public static class StorageSetup
{
    public const string DefaultSqliteFile = "data/communaute.db";

    /// <summary>Registers <see cref="BotDbContext"/> on the configured provider.</summary>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton<WriteTransactions>();
        if (options.IsPostgres)
        {
            services.AddDbContext<PostgresBotDbContext>((sp, o) => o.UseNpgsql(options.ConnectionString).AddInterceptors(sp.GetRequiredService<WriteTransactions>()),
                optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<PostgresBotDbContext>());
        }
        else
        {
            var connection = SqliteConnectionString(options);
            services.AddDbContext<SqliteBotDbContext>((sp, o) => o.UseSqlite(connection)
                .AddInterceptors(new SqlitePragmas(), new DeferredTurnInterceptor(), sp.GetRequiredService<WriteTransactions>()),
                // Built once: the options are the same for every context (and resolving them per scope contended).
                optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<SqliteBotDbContext>());
        }
        return services;
    }

    /// <summary>The SQLite connection string: the configured one, or the default file.</summary>
    public static string SqliteConnectionString(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) ? $"Data Source={DefaultSqliteFile}" : options.ConnectionString;

    /// <summary>Creates the SQLite folder if needed and applies pending migrations.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (db.Database.IsSqlite())
        {
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:") Directory.CreateDirectory(folder);
            await db.Database.ExecuteSqlRawAsync(SqlitePragmas.JournalMode, cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        // A migration may change a connection's settings (foreign_keys off while a table is rebuilt): the pool's
        // connections start again with the bot's own (SqlitePragmas).
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(sqlite);
    }
}
