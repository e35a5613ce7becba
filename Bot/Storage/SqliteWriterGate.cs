using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Communaute.Bot.Storage;

/// <summary>
/// SQLite has one writer per database. This process's writers (a turn's transaction, EF's own transactions, single
/// writes) wait for each other here, asynchronously, instead of each sleeping in SQLite's busy handler on a thread of
/// the pool — which, under load, starved the pool and made a turn wait for seconds. Another process on the same file
/// still meets SQLite's lock and busy timeout; correctness stays SQLite's. After <see cref="Patience"/> a writer goes
/// on without the gate (SQLite decides), so a writer waiting for its own flow's transaction fails as it did before.
/// </summary>
public sealed class SqliteWriterGate : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A connection has one transaction at a time: its pass is kept by connection, and found from the transaction.
    private readonly ConditionalWeakTable<DbConnection, Pass> _byConnection = new();
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _connectionOf = new();
    private readonly ConditionalWeakTable<DbCommand, Pass> _writes = new();

    /// <summary>Holds the gate until disposed (a turn's transaction: <see cref="Delivery.TurnTransaction"/>).</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct) => new Pass(await _gate.WaitAsync(Patience, ct) ? _gate : null);

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection) Starting(connection, (Pass)await EnterAsync(cancellationToken));
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (connection is SqliteConnection) Starting(connection, new Pass(_gate.Wait(Patience) ? _gate : null));
        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Started(connection, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Started(connection, result);
        return ValueTask.FromResult(result);
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => LeaveStarting(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        LeaveStarting(connection);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command)) _writes.AddOrUpdate(command, new Pass(_gate.Wait(Patience) ? _gate : null));
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command)) _writes.AddOrUpdate(command, new Pass(_gate.Wait(Patience) ? _gate : null));
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    private async Task EnterForAsync(DbCommand command, CancellationToken ct)
    {
        if (IsLoneWrite(command)) _writes.AddOrUpdate(command, (Pass)await EnterAsync(ct));
    }

    /// <summary>A write in no transaction of its own: SQLite wraps it in one, which takes the writer's lock.</summary>
    private static bool IsLoneWrite(DbCommand command) => command is SqliteCommand && command.Transaction is null && SqlStatements.IsWrite(command.CommandText);

    /// <summary>
    /// A transaction being started holds the gate until it ends; one that ends with no word to this interceptor (a
    /// start that failed, a transaction disposed uncommitted) gives the gate back when its connection closes or starts another.
    /// </summary>
    private void Starting(DbConnection connection, Pass pass)
    {
        LeaveStarting(connection);
        _byConnection.AddOrUpdate(connection, pass);
    }

    private void Started(DbConnection connection, DbTransaction transaction) => _connectionOf.AddOrUpdate(transaction, connection);

    private void LeaveStarting(DbConnection connection)
    {
        if (_byConnection.TryGetValue(connection, out var pass) && _byConnection.Remove(connection)) pass.Dispose();
    }

    private void Leave(DbTransaction? transaction)
    {
        if (transaction is not null && _connectionOf.TryGetValue(transaction, out var connection)) LeaveStarting(connection);
    }

    private void Leave(DbCommand command)
    {
        if (_writes.TryGetValue(command, out var pass) && _writes.Remove(command)) pass.Dispose();
    }

    private sealed class Pass(SemaphoreSlim? held) : IDisposable
    {
        private SemaphoreSlim? _held = held;

        public void Dispose() => Interlocked.Exchange(ref _held, null)?.Release();
    }
}
