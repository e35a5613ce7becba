using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

/// <summary>
/// "annuler" in a dialog that asks first (<see cref="IDialog.ConfirmsCancel"/>) and has answers to lose: the member
/// confirms, or goes on; whatever else they say next is handled as usual and the question is dropped.
/// </summary>
public static class CancelConfirmation
{
    /// <summary>Kept in the state's answers while the question is open.</summary>
    public const string Key = "$cancel-asked";

    public const string YesValue = "oui, tout annuler";
    public const string NoValue = "continuer";

    private static readonly string[] Yes = ["oui", "oui tout annuler", "oui annuler", "tout annuler", "annuler", "confirmer", "annuler quand meme"];
    private static readonly string[] No = ["non", "non continuer", "continuer", "reprendre", "non merci"];

    public static bool IsYes(string text) => TextMatching.IsOneOf(text, Yes);

    public static bool IsNo(string text) => TextMatching.IsOneOf(text, No);

    /// <summary>How many of the dialog's questions have an answer in the state.</summary>
    public static int Answered(IDialog dialog, DialogState state) =>
        dialog.Steps.Count(s => s.AnswerKey is { } key && state.Answers.ContainsKey(key));

    public static Reply Ask(IDialog dialog, DialogState state, int answered) => Reply.Show(new Card
    {
        Title = $"Annuler « {dialog.Title} » ?",
        Sections =
        [
            new CardSection(null, answered == 1
                ? "Vous avez déjà répondu à une question : votre réponse sera effacée."
                : $"Vous avez déjà répondu à {answered} questions : vos réponses seront effacées."),
            new CardSection(null, "Pour les garder et continuer plus tard, choisissez plutôt « Pause »."),
        ],
        Choices =
        [
            new Choice("Oui, tout annuler", YesValue, ChoiceStyle.Destructive).Doing(new ConfirmCancelDialog()),
            new Choice("Non, continuer", NoValue, ChoiceStyle.Primary).Doing(new ContinueDialog()),
            new Choice("Pause", "pause").Doing(new PauseDialog()),
        ],
        PromptId = state.PromptId,
    });
}
