using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using NodaTime;

namespace Communaute.Bot.Hosting;

/// <summary>The configuration is wrong: the bot does not start, and says why in French.</summary>
public sealed class ConfigurationErrorException(IReadOnlyList<string> problems)
    : Exception("Configuration invalide :\n" + string.Join("\n", problems.Select(p => " - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Settings checked when the bot starts rather than at the first request that needs them: a mistake there would
/// otherwise show up as an error in front of a member, or as a silent fallback (a typo in the storage provider
/// quietly giving SQLite).
/// </summary>
public static class StartupConfiguration
{
    private static readonly string[] Providers = ["Sqlite", "PostgreSQL", "Postgres", "Npgsql"];

    public static void Check(IConfiguration configuration)
    {
        var problems = new List<string>();

        var teams = configuration.GetSection(TeamsOptions.Section).Get<TeamsOptions>() ?? new TeamsOptions();
        if (!string.IsNullOrWhiteSpace(teams.AppId) && string.IsNullOrWhiteSpace(teams.AppPassword))
            problems.Add("Teams:AppId est renseigné mais Teams:AppPassword est vide : le bot ne pourrait pas obtenir de jeton pour répondre. " +
                         "Donnez le secret client de l'application Azure (variable d'environnement Teams__AppPassword ou secrets utilisateur), " +
                         "ou videz Teams:AppId pour le développement local sans authentification.");

        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (!Providers.Contains(storage.Provider, StringComparer.OrdinalIgnoreCase))
            problems.Add($"Storage:Provider vaut « {storage.Provider} » : valeurs possibles « Sqlite » (par défaut) ou « PostgreSQL ».");
        else if (storage.IsPostgres && string.IsNullOrWhiteSpace(storage.ConnectionString))
            problems.Add("Storage:Provider vaut PostgreSQL mais Storage:ConnectionString est vide (Host=…;Database=…;Username=…;Password=…).");

        var zone = configuration["Community:DefaultTimeZone"];
        if (!string.IsNullOrWhiteSpace(zone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            problems.Add($"Community:DefaultTimeZone vaut « {zone} », qui n'est pas un fuseau horaire IANA (exemples : Europe/Paris, Indian/Reunion, America/Cayenne).");

        var delivery = configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        if (delivery.LeaseDuration <= TimeSpan.Zero || delivery.PollInterval <= TimeSpan.Zero || delivery.InboxParallelism < 1 || delivery.OutboxParallelism < 1
            || delivery.InboxMaxAttempts < 1 || delivery.OutboxMaxAttempts < 1)
            problems.Add("Section Delivery : LeaseDuration et PollInterval doivent être positifs, InboxParallelism, OutboxParallelism, InboxMaxAttempts et OutboxMaxAttempts au moins 1.");

        problems.AddRange(ChannelSettingsCheck.Problems(configuration));

        if (problems.Count > 0) throw new ConfigurationErrorException(problems);
    }
}
