using System.Text.RegularExpressions;

namespace Communaute.Bot.Channels;

/// <summary>
/// The shape of the ids a channel gives (users, conversations, teams) before they are stored. Anchored with <c>\z</c>,
/// not <c>$</c>: <c>$</c> also matches before a final line break, so "U123\n" would pass and become a second member.
/// </summary>
public static partial class ChannelIds
{
    /// <summary>Slack ids: U…, W…, C…, D…, G…, T…, E… (letters and digits; a few characters more for safety).</summary>
    public static bool IsSlackId(string? id) => id is not null && SlackId().IsMatch(id);

    /// <summary>Teams ids ("29:1abc…", "a:1…", "19:…@thread.tacv2;messageid=…"): printable, no blank, 512 characters at most.</summary>
    public static bool IsTeamsId(string? id) => id is not null && TeamsId().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}\z")]
    private static partial Regex SlackId();

    [GeneratedRegex(@"^[^\s\p{C}]{1,512}\z")]
    private static partial Regex TeamsId();
}
