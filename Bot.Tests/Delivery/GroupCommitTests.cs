using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>The outbox's short writes: arriving together they share a transaction; a bad one fails alone.</summary>
public sealed class GroupCommitTests
{
    private static Task<int> Lease(GroupCommit group, string key) =>
        group.RunAsync((db, ct) => db.Database.ExecuteSqlAsync($"""INSERT INTO "DeliveryLeases" ("Key", "Holder", "Until") VALUES ({key}, {"test"}, {0L})""", ct),
            CancellationToken.None);

    [Fact]
    public async Task Writes_arriving_together_commit_in_fewer_transactions_and_a_failing_one_fails_alone()
    {
        await using var host = await BotTestHost.StartAsync();
        var group = new GroupCommit(host.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommit>.Instance);
        await group.StartAsync(CancellationToken.None);
        var transactions = host.Services.GetRequiredService<WriteTransactions>();
        while (!await IsRunningAsync(group)) await Task.Delay(10);

        var before = transactions.Count;
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Lease(group, $"groupe:{i}")));
        Assert.All(results, r => Assert.Equal(1, r));
        Assert.True(transactions.Count - before < 40, $"{transactions.Count - before} transactions pour 40 écritures");

        // A key already there fails its own write; the writes beside it are kept.
        var mixed = new[] { Lease(group, "groupe:a"), Lease(group, "groupe:0"), Lease(group, "groupe:b") };
        await Assert.ThrowsAnyAsync<Exception>(() => mixed[1]);
        Assert.Equal(1, await mixed[0]);
        Assert.Equal(1, await mixed[2]);

        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(42, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<Bot.Delivery.DeliveryLease>().CountAsync(l => l.Holder == "test"));
        await group.StopAsync(CancellationToken.None);
    }

    /// <summary>Its loop has started (a write before that is written at once, alone).</summary>
    private static async Task<bool> IsRunningAsync(GroupCommit group)
    {
        await Task.Yield();
        return group.ExecuteTask is { IsCompleted: false };
    }
}
