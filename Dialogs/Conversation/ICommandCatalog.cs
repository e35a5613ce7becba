namespace Communaute.Dialogs.Conversation;

/// <summary>
/// The commands a member can type on their own, as the features declare them: a dialog waiting for free text asks
/// before taking one of them for an answer.
/// </summary>
public interface ICommandCatalog
{
    /// <summary>The command's name as the help shows it (« Mes sessions »), or null when the text is no command for this member.</summary>
    string? NameOf(string text, MemberInfo member);
}
