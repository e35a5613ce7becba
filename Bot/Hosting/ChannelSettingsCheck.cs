using System.Net;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Channels.Teams;

namespace Communaute.Bot.Hosting;

/// <summary>
/// The addresses and secrets the channels use, checked at start-up: an address the bot calls (or gives to members)
/// must be absolute and https — http only on loopback, where tests and local fakes live — and a channel that receives
/// messages must have what it needs to answer them. A mistake here would otherwise surface as every message failing.
/// </summary>
public static class ChannelSettingsCheck
{
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var teams = configuration.GetSection(TeamsOptions.Section).Get<TeamsOptions>() ?? new TeamsOptions();
        foreach (var p in Url("Teams:OpenIdMetadataUrl", teams.OpenIdMetadataUrl, required: teams.AuthenticationEnabled)) yield return p;
        foreach (var p in Url("Teams:Authority", teams.Authority, required: false)) yield return p;
        foreach (var p in Hosts("Teams:ServiceUrlHosts", teams.ServiceUrlHosts)) yield return p;
        foreach (var p in Hosts("Teams:DevelopmentServiceUrlHosts", teams.DevelopmentServiceUrlHosts)) yield return p;
        if (teams.AuthenticationEnabled && teams.ServiceUrlHosts.Length == 0)
            yield return "Teams:ServiceUrlHosts est vide alors que l'authentification Teams est active : aucun message Teams ne serait accepté.";

        var slack = configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        foreach (var p in Url("Slack:ApiBaseUrl", slack.ApiBaseUrl, required: slack.Enabled)) yield return p;
        foreach (var (prefix, i) in slack.ResponseUrlPrefixes.Select((p, i) => (p, i)))
            foreach (var p in Url($"Slack:ResponseUrlPrefixes:{i}", prefix, required: true)) yield return p;
        var receives = !string.IsNullOrWhiteSpace(slack.SigningSecret) || slack.SocketMode;
        if (receives && string.IsNullOrWhiteSpace(slack.BotToken))
            yield return "Slack reçoit des messages (Slack:SigningSecret ou Slack:SocketMode) mais Slack:BotToken est vide : le bot ne pourrait pas répondre. " +
                         "Donnez le jeton du bot (xoxb-…, variable d'environnement Slack__BotToken ou secrets utilisateur).";
        if (slack.SocketMode && string.IsNullOrWhiteSpace(slack.AppToken))
            yield return "Slack:SocketMode est activé mais Slack:AppToken est vide : donnez le jeton d'application (xapp-…, droit connections:write).";

        foreach (var p in Url("Community:PublicBaseUrl", configuration["Community:PublicBaseUrl"], required: false)) yield return p;
    }

    /// <summary>Absolute https, or http on a loopback host; empty only when not required.</summary>
    private static IEnumerable<string> Url(string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) yield return $"{key} est vide : une adresse https absolue est attendue.";
            yield break;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            yield return $"{key} vaut « {value} » : une adresse absolue en https est attendue (https://…).";
        else if (uri.Scheme == "http" && !IsLoopback(uri))
            yield return $"{key} vaut « {value} » : http n'est admis que sur la boucle locale (127.0.0.1, localhost) ; utilisez https.";
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            yield return $"{key} contient un identifiant ou un mot de passe dans l'adresse : donnez-les par leurs propres clés.";
    }

    /// <summary>Host names ("*.botframework.com"), not addresses.</summary>
    private static IEnumerable<string> Hosts(string key, IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
            if (string.IsNullOrWhiteSpace(host) || host.Contains("://", StringComparison.Ordinal) || host.IndexOfAny(['/', ' ', ':']) >= 0)
                yield return $"{key} contient « {host} » : des noms d'hôte sont attendus (« *.botframework.com »), sans schéma ni chemin.";
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
