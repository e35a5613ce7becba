namespace Communaute.Dialogs.Engine;

/// <summary>One question of a dialog.</summary>
public sealed class DialogStep
{
    /// <summary>Completes the dialog when returned by <see cref="Next"/>.</summary>
    public const string End = "$end";

    /// <summary>Stops the dialog without completing it when returned by <see cref="Next"/>.</summary>
    public const string Cancel = "$cancel";

    public required string Id { get; init; }

    public required Func<DialogState, PromptSpec> Prompt { get; init; }

    /// <summary>Where the answer is kept in <see cref="DialogState.Answers"/>; null: not kept.</summary>
    public string? AnswerKey { get; init; }

    /// <summary>Whether "passer" moves on without an answer.</summary>
    public bool CanSkip { get; init; } = true;

    /// <summary>
    /// Recognises typed text that is not an answer but an aside (a question to the bot during an open question):
    /// returns what to tell the member, who is asked the step again; it may keep the text in the state. Null: an answer.
    /// </summary>
    public Func<DialogState, string, string?>? Aside { get; init; }

    /// <summary>The step after this one, given the answer (null when skipped). Null result or no function: the next in order.</summary>
    public Func<DialogState, string?, string?>? Next { get; init; }
}
