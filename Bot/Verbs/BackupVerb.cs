using System.Diagnostics;
using System.Globalization;
using Communaute.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Communaute.Bot.Verbs;

/// <summary>
/// `backup FICHIER [--Storage:ConnectionString=…]`: a consistent copy of the SQLite database, taken while the bot runs
/// (SQLite's online backup API: pages copied under a read transaction, so writers are not stopped and the copy is one
/// instant). PostgreSQL: pg_dump (docs/operations.md).
/// </summary>
public static class BackupVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var destination = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (destination is null)
        {
            Console.Error.WriteLine("usage : backup FICHIER.db [--Storage:ConnectionString=\"Data Source=…\"]");
            return 2;
        }
        var builder = Hosting.BotApp.CreateBuilder([.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal))]);
        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsPostgres)
        {
            Console.Error.WriteLine("La base est PostgreSQL : sauvegardez-la avec pg_dump (voir docs/operations.md), par exemple " +
                                    "pg_dump --format=custom --file=communaute.dump \"$BASE\".");
            return 2;
        }
        var source = new SqliteConnectionStringBuilder(StorageSetup.SqliteConnectionString(storage)) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(Path.GetFullPath(source.DataSource)))
        {
            Console.Error.WriteLine($"Base introuvable : {Path.GetFullPath(source.DataSource)} (Storage:ConnectionString).");
            return 1;
        }
        var target = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partiel";
        File.Delete(partial);
        var clock = Stopwatch.StartNew();
        await using (var from = new SqliteConnection(source.ConnectionString))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
        {
            await from.OpenAsync();
            // Waits for a writer rather than failing at once: the bot keeps writing while the copy is taken.
            await using (var busy = from.CreateCommand()) { busy.CommandText = "PRAGMA busy_timeout = 10000"; await busy.ExecuteNonQueryAsync(); }
            await to.OpenAsync();
            from.BackupDatabase(to);
            // Leases belong to the running processes, not to the data: a bot restored from this copy takes every
            // conversation at once instead of waiting for the leases of a process that is gone to expire.
            await using (var leases = to.CreateCommand()) { leases.CommandText = "DELETE FROM \"DeliveryLeases\""; await leases.ExecuteNonQueryAsync(); }
            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var integrity = (string?)await check.ExecuteScalarAsync();
            if (integrity != "ok")
            {
                Console.Error.WriteLine($"Copie incohérente ({integrity}) : rien n'est écrit dans {target}.");
                return 1;
            }
        }
        File.Move(partial, target, overwrite: true);
        Console.WriteLine(string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"Sauvegarde de {Path.GetFullPath(source.DataSource)} écrite dans {target} ({new FileInfo(target).Length / 1024.0 / 1024.0:F1} Mo, {clock.Elapsed.TotalMilliseconds:F0} ms, intégrité vérifiée)."));
        return 0;
    }
}
