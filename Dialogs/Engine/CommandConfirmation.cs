using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

/// <summary>
/// A command typed where a dialog waits for free text (« sessions » as a pitch): the member says whether they meant the
/// command — the dialog is paused and the command runs — or their answer, which is then kept as typed. Whatever else
/// they say next is handled as usual and the question is dropped.
/// </summary>
public static class CommandConfirmation
{
    /// <summary>Kept in the state's answers while the question is open: the text as typed.</summary>
    public const string Key = "$command-asked";

    public const string KeepValue = "non, c'est ma réponse";
    private static readonly string[] Keep = ["non", KeepValue, "c'est ma réponse", "garder ma réponse", "non merci"];

    /// <summary>« oui », the command again, its name, or the « Oui, … » button.</summary>
    public static bool IsRun(string text, string typed, string name) =>
        TextMatching.IsOneOf(text, "oui", typed, name, $"oui {typed}", $"oui {name}");

    public static bool IsKeep(string text) => TextMatching.IsOneOf(text, Keep);

    public static Reply Ask(IDialog dialog, DialogState state, string typed, string name) => Reply.Show(new Card
    {
        Title = $"Vous voulez « {name} » ?",
        Sections =
        [
            new CardSection(null, $"Vous répondez à « {dialog.Title} », et « {UserText.Escape(typed)} » est aussi une commande. "
                                  + $"Je peux mettre le questionnaire en pause (vos réponses sont gardées) pour « {name} », "
                                  + "ou garder ces mots comme votre réponse."),
        ],
        Choices =
        [
            new Choice($"Oui, {name}", typed, ChoiceStyle.Primary).Doing(new RunTypedCommand(typed)),
            new Choice("Non, c'est ma réponse", KeepValue).Doing(new KeepTypedAnswer()),
        ],
        PromptId = state.PromptId,
    });
}
