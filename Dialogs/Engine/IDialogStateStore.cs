namespace Communaute.Dialogs.Engine;

/// <summary>A stored dialog state as the engine wrote it, with its revision for optimistic concurrency.</summary>
public sealed record StoredDialog(string DialogId, string StateJson, long Revision);

/// <summary>
/// Keeps one dialog state per member and conversation, in the database, so a dialog survives a restart
/// and a change of server. Writes are conditional on the revision read, so two servers answering the
/// same turn cannot both win.
/// </summary>
public interface IDialogStateStore
{
    Task<StoredDialog?> LoadAsync(long memberId, long conversationId, CancellationToken cancellationToken);

    /// <summary>Writes the state: inserts when <paramref name="expectedRevision"/> is null, else updates only if the
    /// stored revision is still the expected one. False when someone else wrote first.</summary>
    Task<bool> SaveAsync(long memberId, long conversationId, string dialogId, string stateJson, long? expectedRevision, CancellationToken cancellationToken);

    /// <summary>Removes the state (only if still at <paramref name="expectedRevision"/> when given). False when it changed meanwhile.</summary>
    Task<bool> DeleteAsync(long memberId, long conversationId, long? expectedRevision, CancellationToken cancellationToken);
}
