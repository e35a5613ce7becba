using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Communaute.Bot.Delivery;

/// <summary>
/// The transaction of one turn: its effects, its outbox rows and its inbox item's completion commit together.
/// On SQLite it begins at the turn's first write (<see cref="DeferredTurnWrites"/>); on PostgreSQL at once.
/// </summary>
public static class TurnTransaction
{
    public static async Task<IDbContextTransaction> BeginAsync(BotDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return await db.Database.BeginTransactionAsync(ct);
        // SaveChanges must not commit a transaction of its own mid-turn: its first write begins the turn's.
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        db.DeferredTurn = true;
        return new Deferred(db);
    }

    /// <summary>The turn's transaction as the worker sees it: whatever the turn began by its first write.</summary>
    private sealed class Deferred(BotDbContext db) : IDbContextTransaction
    {
        public Guid TransactionId { get; } = Guid.NewGuid();

        public void Commit() => db.Database.CurrentTransaction?.Commit();

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            if (db.Database.CurrentTransaction is { } begun) await begun.CommitAsync(cancellationToken);
        }

        public void Rollback() => db.Database.CurrentTransaction?.Rollback();

        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            if (db.Database.CurrentTransaction is { } begun) await begun.RollbackAsync(cancellationToken);
        }

        public void Dispose()
        {
            db.Database.CurrentTransaction?.Dispose();
            EndTurn();
        }

        public async ValueTask DisposeAsync()
        {
            if (db.Database.CurrentTransaction is { } begun) await begun.DisposeAsync();
            EndTurn();
        }

        private void EndTurn()
        {
            db.DeferredTurn = false;
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
    }
}
