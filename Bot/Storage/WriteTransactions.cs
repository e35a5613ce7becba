using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Communaute.Bot.Storage;

/// <summary>
/// Counts the database's write transactions, the cost that sets how many turns per second the one turn path can do
/// (SQLite has one writer): a transaction that wrote and committed counts once; a write outside any transaction
/// (its own implicit transaction) counts once. Read by the benches and exported as <c>communaute.db.write_transactions</c>.
/// </summary>
public sealed class WriteTransactions : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> _wrote = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_wrote.TryGetValue(transaction, out _)) Interlocked.Increment(ref _count);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Seen(DbCommand command)
    {
        if (!SqlStatements.IsWrite(command.CommandText)) return;
        if (command.Transaction is { } transaction) _wrote.AddOrUpdate(transaction, true);
        else Interlocked.Increment(ref _count);
    }
}
