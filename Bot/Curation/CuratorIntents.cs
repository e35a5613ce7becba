using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Curation;

/// <summary>What curators and facilitators do with the unanswered questions and the « pas utile » answers, run by the curator feature.</summary>
public interface ICuratorIntent;

/// <summary>« questions sans réponse »: the open groups, unanswered and « pas utile ».</summary>
[Intent("curation-list")] public sealed record ListOpenQuestions : ICuratorIntent;

/// <summary>« recharger la base »: re-reads the knowledge files and closes the groups the base now answers.</summary>
[Intent("curation-reload")] public sealed record ReloadKnowledgeBase : ICuratorIntent;

/// <summary>
/// « Répondue par » (an unanswered question) or « Corrigée par » (a « pas utile »): the group
/// <paramref name="GroupId"/> is closed by the fiche <paramref name="EntryId"/> and the members are told.
/// </summary>
[Intent("curation-close")] public sealed record CloseQuestionGroup(long GroupId, string EntryId) : ICuratorIntent;

/// <summary>« Écarter »: the group <paramref name="GroupId"/> leaves the list, nobody is told.</summary>
[Intent("curation-dismiss")] public sealed record DismissQuestionGroup(long GroupId) : ICuratorIntent;

/// <summary>The curators' buttons, built from their intents, and the typed commands read as the same intents.</summary>
public static partial class CuratorIntents
{
    public static readonly IReadOnlyCollection<Type> All = IntentCodec.TypesOf<ICuratorIntent>();

    public const string ListCommand = "questions sans réponse";
    public const string ReloadCommand = "recharger la base";

    public static Choice Answered(long groupId, string entryId, string title) =>
        new Choice("Répondue par : " + title, Command(groupId, $"répondue par {entryId}")).Doing(new CloseQuestionGroup(groupId, entryId));

    public static Choice Fixed(long groupId, string entryId, string title) =>
        new Choice("Corrigée par : " + title, Command(groupId, $"corrigée par {entryId}")).Doing(new CloseQuestionGroup(groupId, entryId));

    public static Choice Dismiss(long groupId) =>
        new Choice("Écarter", Command(groupId, "écarter"), ChoiceStyle.Destructive).Doing(new DismissQuestionGroup(groupId));

    /// <summary>The typed command as an intent: the list, the reload, « question N écarter », « question N répondue par FICHE »; null for anything else.</summary>
    public static ICuratorIntent? Read(string text)
    {
        if (TextMatching.IsOneOf(text, "questions sans reponse", "questions en attente", "sans reponse", "reponses pas utiles", "avis pas utiles"))
            return new ListOpenQuestions();
        if (TextMatching.IsOneOf(text, ReloadCommand, "recharger", "reindexer")) return new ReloadKnowledgeBase();
        var match = GroupCommand().Match(Folding.Fold(text.Trim().TrimStart('/')));
        if (!match.Success || !long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        return match.Groups["entry"].Success ? new CloseQuestionGroup(id, match.Groups["entry"].Value) : new DismissQuestionGroup(id);
    }

    private static string Command(long groupId, string action) => string.Create(CultureInfo.InvariantCulture, $"question {groupId} {action}");

    [GeneratedRegex(@"^(?:groupe|question) (?:n° ?)?(?<id>\d{1,9}),? (?:ecarter|(?:repondue?|corrigee?) par :? ?(?<entry>\S+))\s*\z")]
    private static partial Regex GroupCommand();
}
