using Communaute.Dialogs.Conversation;

namespace Communaute.Dialogs.Engine;

/// <summary>
/// A dialog the engine can run: its steps in order, the words that start it, and what happens at the end.
/// Registered in DI as <see cref="IDialog"/>; the engine keeps its state in the database.
/// </summary>
public interface IDialog
{
    /// <summary>Stable id, stored with the state.</summary>
    string Id { get; }

    /// <summary>Bump when steps change incompatibly: states of another version are not resumed.</summary>
    int Version { get; }

    /// <summary>Shown in messages ("votre questionnaire « … »").</summary>
    string Title { get; }

    /// <summary>Typed words that start the dialog (accents and case ignored).</summary>
    IReadOnlyList<string> StartCommands { get; }

    IReadOnlyList<DialogStep> Steps { get; }

    /// <summary>Answers known before the first step (e.g. a pitch prefilled from a profile).</summary>
    Task<Dictionary<string, string>> PrepareAsync(TurnContext context, CancellationToken cancellationToken);

    /// <summary>The dialog reached its end: record the result and add the replies to the context.</summary>
    Task CompleteAsync(DialogState state, TurnContext context, CancellationToken cancellationToken);

    /// <summary>Said when the member cancels.</summary>
    string CancelledMessage { get; }

    /// <summary>"annuler" asks for confirmation before answers are discarded.</summary>
    bool ConfirmsCancel => false;

    /// <summary>Only run in a 1:1 conversation (personal data): in a shared one the member is told, privately, to write to the bot directly.</summary>
    bool PrivateOnly => false;

    /// <summary>Offered when a member types « pause » or « reprendre » with nothing running; false for a lone confirmation.</summary>
    bool IsQuestionnaire => true;
}

/// <summary>Defaults for dialogs without preparation.</summary>
public abstract class DialogBase : IDialog
{
    public abstract string Id { get; }
    public abstract int Version { get; }
    public abstract string Title { get; }
    public abstract IReadOnlyList<string> StartCommands { get; }
    public abstract IReadOnlyList<DialogStep> Steps { get; }
    public virtual string CancelledMessage => $"« {Title} » est annulé. Rien n'a été enregistré.";
    public virtual bool ConfirmsCancel => false;
    public virtual bool PrivateOnly => false;
    public virtual bool IsQuestionnaire => true;

    public virtual Task<Dictionary<string, string>> PrepareAsync(TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Dictionary<string, string>());

    public abstract Task CompleteAsync(DialogState state, TurnContext context, CancellationToken cancellationToken);

    public DialogStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);
}
