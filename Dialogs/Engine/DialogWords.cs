using Communaute.Dialogs.Conversation;

namespace Communaute.Dialogs.Engine;

/// <summary>Words that work at any step of any dialog.</summary>
public static class DialogWords
{
    public static readonly string[] Back = ["retour", "precedent", "question precedente", "revenir"];
    public static readonly string[] Skip = ["passer", "je passe", "suivant"];
    public static readonly string[] Pause = ["pause", "plus tard", "mettre en pause"];
    public static readonly string[] Resume = ["reprendre", "continuer", "reprendre le questionnaire"];
    public static readonly string[] Restart = ["recommencer", "tout recommencer", "repartir de zero"];
    public static readonly string[] Cancel = ["annuler", "stop", "arreter", "quitter"];
    public static readonly string[] Help = ["aide", "help", "?"];

    /// <summary>The words that mean something only inside a dialog (not « aide », which has its own meaning outside).</summary>
    public static readonly string[] InDialogOnly = [.. Back, .. Skip, .. Pause, .. Resume, .. Restart, .. Cancel];

    public static bool Is(string text, string[] words) => TextMatching.IsOneOf(text, words);

    public const string HelpText =
        "Pendant un questionnaire, vous pouvez écrire à tout moment : « retour » (question précédente), « passer » (sans répondre), "
        + "« pause » (reprendre plus tard avec « reprendre »), « recommencer » (depuis le début) ou « annuler ».";
}
