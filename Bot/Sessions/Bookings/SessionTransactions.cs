using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Communaute.Bot.Sessions.Bookings;

/// <summary>
/// Runs a change of the sessions' state in one database transaction on the scoped <see cref="BotDbContext"/>, so the
/// state change and the messages it causes (written through the proactive API on the same context) commit together.
/// Conflicts the database reports (a unique key taken by a concurrent request, a deadlock, a busy SQLite file) roll
/// back and retry the whole change.
/// </summary>
public sealed class SessionTransactions(BotDbContext db, ILogger<SessionTransactions> logger)
{
    private const int Attempts = 5;

    /// <summary>Runs <paramref name="work"/>; commits when <paramref name="commit"/> says so for its result, else rolls back.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<T, bool> commit, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
            try
            {
                var result = await work();
                if (commit(result))
                {
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }
                else await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return result;
            }
            catch (Exception e) when (attempt < Attempts && IsConflict(e))
            {
                logger.LogDebug("Sessions : conflit en base ({Message}), nouvel essai {Attempt}", e.GetBaseException().Message, attempt + 1);
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Serialises the member's booking changes: every change of a member's bookings first bumps their profile row,
    /// so two concurrent requests of the same member (a double click, two sessions at the same time) run one after the other.
    /// </summary>
    public async Task LockMemberAsync(long memberId, Instant now, CancellationToken ct)
    {
        var updated = await db.Set<SessionProfile>().Where(p => p.MemberId == memberId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.LockVersion, p => p.LockVersion + 1), ct);
        if (updated == 0)
        {
            // First booking of this member: the insert itself holds the row (a concurrent insert fails and retries).
            db.Add(new SessionProfile { MemberId = memberId, UpdatedAt = now });
            await db.SaveChangesAsync(ct);
        }
    }

    public static bool IsConflict(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
                    or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555):
                    return true;
            }
        }
        return false;
    }
}
