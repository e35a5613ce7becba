using System.Net;

namespace Communaute.Bot.Channels.Teams;

/// <summary>
/// What an activity must be before it is stored: the ids the bot will put in connector URLs safe, and a serviceUrl the
/// bot may call (the Bot Framework's hosts when authenticated; loopback or configured hosts in development).
/// </summary>
public static class TeamsActivityCheck
{
    /// <summary>Why the activity is refused, or null when it can be stored.</summary>
    public static string? Problem(Activity a, TeamsOptions options)
    {
        if (a.Conversation?.Id is not { Length: > 0 } conversationId) return "conversation.id absent";
        if (a.From?.Id is not { Length: > 0 } fromId) return "from.id absent";
        if (a.ServiceUrl is not { Length: > 0 } serviceUrl) return "serviceUrl absent";
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return "serviceUrl invalide";
        if (fromId.Length > 256) return "from.id trop long";
        if (!ChannelIds.IsTeamsId(fromId)) return "from.id invalide (caractère de contrôle ou blanc)";
        if (conversationId.Length > 512 || !BotConnectorClient.IsSafeId(conversationId) || !ChannelIds.IsTeamsId(conversationId)) return "conversation.id invalide";
        if (a.Id is not null && !BotConnectorClient.IsSafeId(a.Id)) return "id d'activité invalide";
        if (a.ReplyToId is not null && !BotConnectorClient.IsSafeId(a.ReplyToId)) return "replyToId invalide";
        if (!AllowedHost(uri, options))
            return options.AuthenticationEnabled
                ? $"serviceUrl « {uri.Host} » hors des hôtes du Bot Framework (Teams:ServiceUrlHosts)"
                : $"serviceUrl « {uri.Host} » refusé sans authentification : seules les adresses locales (ou Teams:DevelopmentServiceUrlHosts) sont acceptées";
        return null;
    }

    public static bool AllowedHost(Uri uri, TeamsOptions options)
    {
        if (!options.AuthenticationEnabled)
            return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)) || Matches(uri.Host, options.DevelopmentServiceUrlHosts);
        return Matches(uri.Host, options.ServiceUrlHosts);
    }

    private static bool Matches(string host, IEnumerable<string> patterns) => patterns.Any(p =>
        p.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(p[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, p, StringComparison.OrdinalIgnoreCase));
}
