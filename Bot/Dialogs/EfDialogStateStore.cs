using Communaute.Bot.Storage;
using Communaute.Dialogs.Engine;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Dialogs;

/// <summary>Dialog states in the database; every write is conditional on the revision read.</summary>
public sealed class EfDialogStateStore(BotDbContext db, TimeProvider clock) : IDialogStateStore
{
    private DbSet<DialogStateRecord> States => db.Set<DialogStateRecord>();

    public async Task<StoredDialog?> LoadAsync(long memberId, long conversationId, CancellationToken cancellationToken)
    {
        var row = await States.AsNoTracking()
            .Where(s => s.MemberId == memberId && s.ConversationId == conversationId)
            .Select(s => new { s.DialogId, s.StateJson, s.Revision })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new StoredDialog(row.DialogId, row.StateJson, row.Revision);
    }

    public async Task<bool> SaveAsync(long memberId, long conversationId, string dialogId, string stateJson, long? expectedRevision, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (expectedRevision is { } expected)
        {
            var updated = await States
                .Where(s => s.MemberId == memberId && s.ConversationId == conversationId && s.Revision == expected)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.DialogId, dialogId)
                    .SetProperty(s => s.StateJson, stateJson)
                    .SetProperty(s => s.Revision, expected + 1)
                    .SetProperty(s => s.UpdatedAt, now), cancellationToken);
            return updated == 1;
        }
        States.Add(new DialogStateRecord
        {
            MemberId = memberId, ConversationId = conversationId, DialogId = dialogId, StateJson = stateJson, Revision = 1, UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique (member, conversation) index: another server started a dialog first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task<bool> DeleteAsync(long memberId, long conversationId, long? expectedRevision, CancellationToken cancellationToken)
    {
        var query = States.Where(s => s.MemberId == memberId && s.ConversationId == conversationId);
        if (expectedRevision is { } expected) query = query.Where(s => s.Revision == expected);
        var deleted = await query.ExecuteDeleteAsync(cancellationToken);
        return expectedRevision is null || deleted == 1;
    }
}
