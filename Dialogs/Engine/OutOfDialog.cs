using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

/// <summary>What the dialog words (« pause », « passer », « retour »…) get when no questionnaire is running.</summary>
public static class OutOfDialog
{
    public static Reply NoneRunning(IEnumerable<IDialog> dialogs)
    {
        var questionnaires = dialogs.Where(d => d.IsQuestionnaire).ToList();
        var names = string.Join(" ou ", questionnaires.Select(d => $"« {Lower(d.Title)} »"));
        return new Reply
        {
            Text = "Il n'y a pas de questionnaire en cours." + (names.Length == 0 ? "" : $" Pour en commencer un, tapez {names}."),
            SuggestedActions = questionnaires.Select(d => new Choice(d.Title, Lower(d.Title)).Doing(new StartDialog(d.Id))).ToList(),
        };
    }

    public static Reply Paused(IDialog dialog, string? lead = null) => new()
    {
        Text = lead ?? $"« {dialog.Title} » est en pause, vos réponses sont gardées. Tapez « reprendre » quand vous voulez, même un autre jour.",
        SuggestedActions = [new Choice("Reprendre", "reprendre").Doing(new ResumeDialog())],
    };

    private static string Lower(string title) => title.Length == 0 ? title : char.ToLowerInvariant(title[0]) + title[1..];
}
