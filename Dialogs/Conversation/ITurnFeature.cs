namespace Communaute.Dialogs.Conversation;

/// <summary>
/// A capability the router can hand a turn to (a running dialog, a command, knowledge Q&amp;A).
/// Features are asked in <see cref="Order"/>; the first that handles the turn ends the routing.
/// </summary>
public interface ITurnFeature
{
    /// <summary>Lower runs first: the feature's line in <see cref="TurnOrder"/>, unique (a tie stops the start).</summary>
    int Order { get; }

    /// <summary>Handles the turn by adding replies to the context and returning true, or returns false to pass.</summary>
    Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken);
}
