using Microsoft.EntityFrameworkCore.Migrations;

namespace Communaute.Bot.Storage.Quartz;

/// <summary>
/// The Quartz job store's tables, created by the bot's own migrations from Quartz's table scripts (embedded:
/// tables_sqlite.sql, tables_postgres.sql). A hand-written migration per provider calls this, so regenerating the
/// model's migrations never loses it.
/// </summary>
public static class QuartzSchema
{
    public const string SqliteScript = "tables_sqlite.sql";
    public const string PostgresScript = "tables_postgres.sql";

    private static readonly string[] Tables =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS",
        "QRTZ_SIMPROP_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_TRIGGERS",
        "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS", "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS",
    ];

    public static string Script(string name)
    {
        using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream("Communaute.Bot.Storage.Quartz." + name)
            ?? throw new InvalidOperationException($"Script Quartz {name} absent de l'assemblage");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static void Create(MigrationBuilder migration, string script) => migration.Sql(Script(script));

    public static void Drop(MigrationBuilder migration)
    {
        foreach (var table in Tables) migration.Sql($"DROP TABLE IF EXISTS {table};");
    }
}
