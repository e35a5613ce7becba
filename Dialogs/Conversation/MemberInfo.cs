using NodaTime;

namespace Communaute.Dialogs.Conversation;

/// <summary>The member behind a turn, as stored by the bot.</summary>
public sealed record MemberInfo(long Id, string DisplayName, DateTimeZone Zone, IReadOnlySet<string> Roles)
{
    public bool IsFacilitator => Roles.Contains(MemberRoles.Facilitator);
}

public static class MemberRoles
{
    public const string Facilitator = "facilitator";
    public const string Curator = "curator";
}
