using Communaute.Dialogs.Conversation;

namespace Communaute.Dialogs.Intents;

/// <summary>
/// A feature that runs typed intents. A click carrying one of <see cref="Intents"/> comes straight here (no sentence
/// to parse, whatever the feature's order); the feature's typed words are read into the same records and run by
/// the same <see cref="HandleAsync"/>.
/// </summary>
public interface IIntentHandler
{
    /// <summary>The intent records (<see cref="IntentAttribute"/>) this feature runs.</summary>
    IReadOnlyCollection<Type> Intents { get; }

    /// <summary>Runs the intent; false hands the turn (its text as the intent left it) on to the features after this one.</summary>
    Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A feature that holds something for the member's next message (a comment asked for) and lets it go when the member
/// clicks something else: told before another feature's intent runs.
/// </summary>
public interface IIntentObserver
{
    Task OtherIntentAsync(TurnContext context, CancellationToken cancellationToken);
}
