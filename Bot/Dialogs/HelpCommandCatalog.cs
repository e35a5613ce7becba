using Communaute.Bot.Features;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Dialogs;

/// <summary>The commands of the help card (what the features list in their help lines), as the dialogs ask about them.</summary>
public sealed class HelpCommandCatalog(IEnumerable<IHelpContributor> contributors) : ICommandCatalog
{
    public string? NameOf(string text, MemberInfo member)
    {
        var facilitator = member.IsFacilitator || member.Roles.Contains(MemberRoles.Curator);
        var line = contributors.SelectMany(c => c.HelpLines)
            .FirstOrDefault(l => l.Clickable && (facilitator || !l.FacilitatorOnly) && TextMatching.IsOneOf(text, l.Command));
        return line is null ? null : HelpFeature.Capitalised(line.Command);
    }
}
