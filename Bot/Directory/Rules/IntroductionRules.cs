using NodaTime;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>What a request must respect before it reaches a peer; each refusal says why, in words a member understands.</summary>
public static class IntroductionRules
{
    /// <summary>Requests one member may send in a minute (50 in a minute: the 6th and after are refused).</summary>
    public const int PerMinute = 5;

    /// <summary>Requests one member may send in a day.</summary>
    public const int PerDay = 20;

    /// <summary>Requests one peer receives in seven days, at most.</summary>
    public const int PerPeerPerWeek = 3;

    /// <summary>A request not answered in this time expires (the pair may ask again).</summary>
    public static readonly Duration PendingFor = Duration.FromDays(14);

    /// <summary>Declined and expired requests are deleted after this time (retention).</summary>
    public static readonly Duration KeptFor = Duration.FromDays(30);

    public const string NotAvailable = "n'est pas disponible pour le moment";

    /// <summary>The key that makes one pending request per pair, whoever asked.</summary>
    public static string PairKey(long a, long b) => a < b ? $"{a}:{b}" : $"{b}:{a}";

    /// <summary>The member's first name as shown to a peer (« Alice » for « Alice Martin »).</summary>
    public static string FirstName(string displayName)
    {
        var name = displayName.Trim();
        var space = name.IndexOf(' ');
        return space > 0 ? name[..space] : name.Length == 0 ? "Un membre" : name;
    }

    public static string ChannelLabel(string channel) =>
        channel.StartsWith("slack", StringComparison.Ordinal) ? "Slack"
        : channel.StartsWith("msteams", StringComparison.Ordinal) || channel.StartsWith("teams", StringComparison.Ordinal) ? "Teams"
        : channel == "webchat" ? "la page de discussion de la communauté"
        : channel;
}
