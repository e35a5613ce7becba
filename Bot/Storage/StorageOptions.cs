namespace Communaute.Bot.Storage;

public sealed class StorageOptions
{
    /// <summary>"Sqlite" (default) or "PostgreSQL".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Empty: a SQLite file at data/communaute.db under the working directory.</summary>
    public string ConnectionString { get; set; } = "";

    public bool IsPostgres => Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                              || Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                              || Provider.Equals("Npgsql", StringComparison.OrdinalIgnoreCase);
}
