using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Communaute.Bot.Storage;

/// <summary>Begins a turn's transaction on SQLite just before its first write (<see cref="DeferredTurnWrites"/>).</summary>
public sealed class DeferredTurnInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        BeforeWrite(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        BeforeWrite(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        BeforeWrite(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(command, eventData, cancellationToken);
        return result;
    }

    private static async ValueTask BeforeWriteAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
    {
        if (FirstWriteOfTurn(command, eventData) is { } db) command.Transaction = (await DeferredTurnWrites.BeginAsync(db, ct)).GetDbTransaction();
    }

    private static void BeforeWrite(DbCommand command, CommandEventData eventData)
    {
        if (FirstWriteOfTurn(command, eventData) is { } db) command.Transaction = DeferredTurnWrites.Begin(db).GetDbTransaction();
    }

    private static BotDbContext? FirstWriteOfTurn(DbCommand command, CommandEventData eventData) =>
        command.Transaction is null && eventData.Context is BotDbContext { DeferredTurn: true } db && db.Database.CurrentTransaction is null
        && SqlStatements.IsWrite(command.CommandText) ? db : null;
}
