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

    Task HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken);
}
