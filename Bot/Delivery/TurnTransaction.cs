using Communaute.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Communaute.Bot.Delivery;

/// <summary>
/// The transaction a turn runs in (its effects, its outbox rows, its inbox item's completion). On SQLite it takes the
/// writer lock at once (BEGIN IMMEDIATE): a deferred transaction that read before another turn wrote could never write
/// (a stale snapshot, retried by the driver until its command timeout). SQLite has one writer: a turn holds it until it
/// commits. On PostgreSQL, read committed with row locks.
/// </summary>
public static class TurnTransaction
{
    public static async Task<IDbContextTransaction> BeginAsync(BotDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite) return await db.Database.BeginTransactionAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var transaction = sqlite.BeginTransaction(deferred: false);
        var joined = await db.Database.UseTransactionAsync(transaction, ct)
            ?? throw new InvalidOperationException("transaction SQLite refusée par le contexte");
        return new Owned(joined, transaction);
    }

    /// <summary>EF does not own a transaction it was handed: this one ends it (rolled back unless committed).</summary>
    private sealed class Owned(IDbContextTransaction ef, SqliteTransaction sqlite) : IDbContextTransaction
    {
        public Guid TransactionId => ef.TransactionId;
        public void Commit() => ef.Commit();
        public Task CommitAsync(CancellationToken cancellationToken = default) => ef.CommitAsync(cancellationToken);
        public void Rollback() => ef.Rollback();
        public Task RollbackAsync(CancellationToken cancellationToken = default) => ef.RollbackAsync(cancellationToken);

        public void Dispose()
        {
            ef.Dispose();
            sqlite.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            await ef.DisposeAsync();
            await sqlite.DisposeAsync();
        }
    }

}
