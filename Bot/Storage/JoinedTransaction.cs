using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Communaute.Bot.Storage;

/// <summary>
/// A transaction that joins the one already open on the context (a turn runs in one transaction: its effects, its
/// outbox rows and its inbox item commit together), as a savepoint: committing releases the savepoint, rolling back
/// (or disposing without commit) undoes only what was done since it. Outside a turn it is a transaction of its own.
/// </summary>
public static class JoinedTransaction
{
    /// <summary>A transaction of its own, or a savepoint in the caller's transaction when one is open.</summary>
    public static async Task<IDbContextTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken ct = default)
    {
        await DeferredTurnWrites.BeginIfDeferredAsync(database, ct);
        if (database.CurrentTransaction is not { } outer) return await database.BeginTransactionAsync(ct);
        var name = "joined_" + Guid.NewGuid().ToString("N")[..12];
        await outer.CreateSavepointAsync(name, ct);
        return new Savepoint(outer, name);
    }

    private sealed class Savepoint(IDbContextTransaction outer, string name) : IDbContextTransaction
    {
        private bool _finished;

        public Guid TransactionId => outer.TransactionId;

        public void Commit() => CommitAsync().GetAwaiter().GetResult();
        public void Rollback() => RollbackAsync().GetAwaiter().GetResult();

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            if (_finished) return;
            _finished = true;
            if (outer.SupportsSavepoints) await outer.ReleaseSavepointAsync(name, cancellationToken);
        }

        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            if (_finished) return;
            _finished = true;
            await outer.RollbackToSavepointAsync(name, cancellationToken);
        }

        public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

        public async ValueTask DisposeAsync()
        {
            if (!_finished) await RollbackAsync(CancellationToken.None);
        }
    }
}
