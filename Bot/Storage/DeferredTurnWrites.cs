using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Communaute.Bot.Storage;

/// <summary>
/// A turn's transaction on SQLite, begun at the turn's first write rather than at its start. SQLite has one writer:
/// a turn that took the write lock first would hold it while its pipeline reads, searches and renders, and every
/// other write (an acknowledgement, an outbox update, the other turns) would wait for all of that. Reads before the
/// first write each see what is committed when they run — what PostgreSQL's READ COMMITTED, the bot's other provider,
/// gives every statement — and from the first write to the commit the turn holds the writer alone. Everything the
/// turn writes, its replies and its completion still commit together or not at all.
/// </summary>
public static class DeferredTurnWrites
{
    /// <summary>Begins the turn's transaction now if it was put off (a savepoint is about to need it).</summary>
    public static async Task BeginIfDeferredAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (database.CurrentTransaction is null && database.GetService<ICurrentDbContext>().Context is BotDbContext { DeferredTurn: true } db)
            await BeginAsync(db, ct);
    }

    // Microsoft.Data.Sqlite begins IMMEDIATE (the writer taken at once) unless asked for read uncommitted.
    public static Task<IDbContextTransaction> BeginAsync(BotDbContext db, CancellationToken ct) =>
        db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);

    public static IDbContextTransaction Begin(BotDbContext db) => db.Database.BeginTransaction(IsolationLevel.Serializable);
}
