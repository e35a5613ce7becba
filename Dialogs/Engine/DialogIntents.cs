using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

/// <summary>
/// What a member does in a questionnaire, as its buttons carry it. The engine reads each as the word it stands for
/// (<see cref="Word"/>), so a click and the same word typed are one path; what a click says beside its intent is ignored.
/// </summary>
public interface IDialogIntent
{
    string Word { get; }
}

/// <summary>Starts the dialog <paramref name="Dialog"/> (its id), or resumes it when it is already running.</summary>
[Intent("dialog-start")] public sealed record StartDialog(string Dialog) : IDialogIntent
{
    /// <summary>Filled in by the engine from the dialog's start command.</summary>
    public string Word => "";
}

/// <summary>The choice <paramref name="Choice"/> (an option's value) to the step <paramref name="Step"/> of <paramref name="Dialog"/>.</summary>
[Intent("dialog-answer")] public sealed record AnswerStep(string Dialog, string Step, string Choice) : IDialogIntent
{
    public string Word => Choice;
}

[Intent("dialog-back")] public sealed record GoBackInDialog : IDialogIntent { public string Word => DialogWords.Back[0]; }
[Intent("dialog-skip")] public sealed record SkipQuestion : IDialogIntent { public string Word => DialogWords.Skip[0]; }
[Intent("dialog-pause")] public sealed record PauseDialog : IDialogIntent { public string Word => DialogWords.Pause[0]; }
[Intent("dialog-resume")] public sealed record ResumeDialog : IDialogIntent { public string Word => DialogWords.Resume[0]; }
[Intent("dialog-cancel-confirm")] public sealed record ConfirmCancelDialog : IDialogIntent { public string Word => CancelConfirmation.YesValue; }
[Intent("dialog-continue")] public sealed record ContinueDialog : IDialogIntent { public string Word => CancelConfirmation.NoValue; }
/// <summary>« Oui, … » to « Vous voulez … ? »: the command typed where an answer was awaited runs.</summary>
[Intent("dialog-run-command")] public sealed record RunTypedCommand(string Command) : IDialogIntent { public string Word => Command; }
/// <summary>« Non, c'est ma réponse »: the words typed are kept as the answer.</summary>
[Intent("dialog-keep-answer")] public sealed record KeepTypedAnswer : IDialogIntent { public string Word => CommandConfirmation.KeepValue; }

public static class DialogIntents
{
    public static readonly IReadOnlyCollection<Type> All = IntentCodec.TypesOf<IDialogIntent>();

    /// <summary>The button that starts <paramref name="dialog"/>: its start command as text.</summary>
    public static Choice StartButton(IDialog dialog, string label, ChoiceStyle style = ChoiceStyle.Default) =>
        new Choice(label, dialog.StartCommands[0], style).Doing(new StartDialog(dialog.Id));
}
