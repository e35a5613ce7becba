using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Security;

/// <summary>One community of a deployment that serves several: where its members talk, and who leads it.</summary>
public sealed record CommunityDefinition(string Key, IReadOnlyList<string> Channels, IReadOnlyList<string> Facilitators, IReadOnlyList<string> Curators);

/// <summary>
/// Who holds which role, as configuration says now: <c>Community:Facilitators</c> and <c>Community:Curators</c> (the whole
/// deployment), and <c>Community:Communities:{clé}:Facilitators|Curators</c> (one community). Entries are "canal:identifiant"
/// (<c>slack:U0123</c>, <c>msteams:29:1abc…</c>); wildcards (<c>webchat:*</c>, <c>*</c>) count only in the Development
/// environment. Roles are never remembered from an earlier configuration: what is not listed here is not held.
/// </summary>
public sealed class RoleAssignments
{
    public IReadOnlyList<string> Facilitators { get; }
    public IReadOnlyList<string> Curators { get; }
    public IReadOnlyList<CommunityDefinition> Communities { get; }

    /// <summary>Wildcard entries refused because the environment is not Development.</summary>
    public IReadOnlyList<string> IgnoredWildcards { get; }

    private RoleAssignments(IReadOnlyList<string> facilitators, IReadOnlyList<string> curators, IReadOnlyList<CommunityDefinition> communities, IReadOnlyList<string> ignored)
    {
        Facilitators = facilitators;
        Curators = curators;
        Communities = communities;
        IgnoredWildcards = ignored;
    }

    public static RoleAssignments Read(IConfiguration configuration, bool development)
    {
        var ignored = new List<string>();
        IReadOnlyList<string> Members(string key) => ConfigList.Read(configuration, key).Where(entry =>
        {
            if (!entry.Contains(':') && entry != "*")
                throw new BotConfigurationException($"« {key} » : l'entrée « {entry} » n'a pas la forme « canal:identifiant » (par exemple slack:U0123 ou msteams:29:1abc).");
            if (!IsWildcard(entry) || development) return true;
            ignored.Add($"{key} = {entry}");
            return false;
        }).ToList();

        var communities = configuration.GetSection("Community:Communities").GetChildren()
            .Select(c => new CommunityDefinition(c.Key,
                ConfigList.Read(configuration, $"Community:Communities:{c.Key}:Channels").Select(s => s.ToLowerInvariant()).ToList(),
                Members($"Community:Communities:{c.Key}:Facilitators"),
                Members($"Community:Communities:{c.Key}:Curators")))
            .ToList();
        foreach (var c in communities.Where(c => c.Channels.Count == 0))
            throw new BotConfigurationException($"La communauté « {c.Key} » (Community:Communities:{c.Key}) ne liste aucun canal (Channels) : ses animateurs ne verraient personne.");
        return new RoleAssignments(Members("Community:Facilitators"), Members("Community:Curators"), communities, ignored);
    }

    public static bool IsWildcard(string entry) => entry == "*" || entry.EndsWith(":*", StringComparison.Ordinal);

    /// <summary>The roles of a member, from their channel and channel user id.</summary>
    public IReadOnlySet<string> RolesOf(string channel, string userId)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (Matches(Facilitators, channel, userId) || Communities.Any(c => Matches(c.Facilitators, channel, userId))) roles.Add(MemberRoles.Facilitator);
        if (Matches(Curators, channel, userId) || Communities.Any(c => Matches(c.Curators, channel, userId))) roles.Add(MemberRoles.Curator);
        return roles;
    }

    /// <summary>The stored form of <see cref="RolesOf"/>: "curator,facilitator".</summary>
    public string StoredRolesOf(string channel, string userId) => string.Join(',', RolesOf(channel, userId));

    /// <summary>True for a facilitator or curator of the whole deployment (listed at the top of <c>Community</c>).</summary>
    public bool LeadsEverything(string channel, string userId) => Matches(Facilitators, channel, userId) || Matches(Curators, channel, userId);

    /// <summary>The communities this member is a facilitator or curator of.</summary>
    public IReadOnlyList<string> CommunitiesLedBy(string channel, string userId) => Communities
        .Where(c => Matches(c.Facilitators, channel, userId) || Matches(c.Curators, channel, userId)).Select(c => c.Key).ToList();

    public static bool Matches(IEnumerable<string> entries, string channel, string userId) => entries.Any(p =>
        p == "*" || p == $"{channel}:*" || p == $"{channel}:{userId}");

    /// <summary>One line for the start-up log.</summary>
    public string Describe()
    {
        static string List(IReadOnlyList<string> l) => l.Count == 0 ? "(personne)" : string.Join(", ", l);
        var text = $"animateurs : {List(Facilitators)} ; curateurs : {List(Curators)}";
        foreach (var c in Communities)
            text += $" ; communauté « {c.Key} » (canaux {string.Join(", ", c.Channels)}) : animateurs {List(c.Facilitators)}, curateurs {List(c.Curators)}";
        return text;
    }
}
