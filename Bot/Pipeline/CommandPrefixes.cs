using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// The command forms the app manifests teach, made the same on every channel: "/communaute question …" (Slack's
/// slash command, or typed anywhere) and "question …" (Teams' command list) mean the question itself;
/// "/communaute caractériser" means "caractériser"; "/communaute" or "question" alone mean "aide".
/// </summary>
public static class CommandPrefixes
{
    private const string SlashCommand = "communaute";
    private const string Question = "question";

    public static string Normalise(string text)
    {
        var rest = text.Trim();
        var slash = rest.StartsWith('/') && TextMatching.After(rest, SlashCommand) is not null;
        if (slash)
        {
            rest = TextMatching.After(rest, SlashCommand)!.TrimStart(':', ' ');
            if (rest.Length == 0) return "aide";
        }
        if (!rest.StartsWith(Question, StringComparison.OrdinalIgnoreCase)) return rest;
        var colon = rest.Length > Question.Length && rest[Question.Length] == ':';
        var question = colon ? rest[(Question.Length + 1)..].Trim() : TextMatching.After(rest, Question);
        if (question is null) return rest; // "questionnaire", "questions sans réponse"
        if (question.Length == 0) return "aide";
        // "question précédente" (a dialog word) stays as it is; "question Qu'est-ce que … ?" is the question.
        var isQuestion = slash || colon || question.EndsWith('?') || question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;
        return isQuestion ? question : rest;
    }
}
