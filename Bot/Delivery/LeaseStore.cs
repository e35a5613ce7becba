using System.Collections.Concurrent;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Per-conversation leases in the database, so that across instances a conversation's queue is worked by one at a
/// time (its order kept): taken with one INSERT … ON CONFLICT … DO UPDATE … WHERE expired (SQLite and PostgreSQL),
/// renewed while work goes on. A lease is kept after its work is done, until it expires: the next message of the same
/// conversation, on this instance, needs no write to the lease table. In-process locks play no part in correctness.
/// </summary>
public sealed class LeaseStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<LeaseStore> logger)
{
    private readonly ConcurrentDictionary<string, Instant> _held = new();
    private ILogger Logger => logger;

    /// <summary>This instance's name in the lease table (unique per process start).</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    private Duration Length => Duration.FromTimeSpan(options.Value.LeaseDuration);

    /// <summary>The lease on <paramref name="key"/>, or null when another instance holds it.</summary>
    public async Task<Lease?> TryAcquireAsync(string key, CancellationToken ct)
    {
        key = DeliveryKeys.Bounded(key);
        var now = clock.GetCurrentInstant();
        // Still ours for more than half its length: no other instance can have it.
        if (_held.TryGetValue(key, out var until) && until - now > Length / 2) return new Lease(this, key, options.Value.LeaseDuration);
        if (!await TryTakeAsync(key, ct)) return null;
        return new Lease(this, key, options.Value.LeaseDuration);
    }

    private async Task<bool> TryTakeAsync(string key, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var until = now + Length;
        var untilTicks = until.ToUnixTimeTicks();
        var nowTicks = now.ToUnixTimeTicks();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var rows = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DeliveryLeases" ("Key", "Holder", "Until") VALUES ({key}, {Holder}, {untilTicks})
            ON CONFLICT ("Key") DO UPDATE SET "Holder" = excluded."Holder", "Until" = excluded."Until"
            WHERE "DeliveryLeases"."Until" < {nowTicks} OR "DeliveryLeases"."Holder" = {Holder}
            """, ct);
        if (rows > 0) _held[key] = until;
        else _held.TryRemove(key, out _);
        return rows > 0;
    }

    /// <summary>Gives every lease of this instance back (at shutdown), so another instance takes over at once.</summary>
    public async Task ReleaseAllAsync()
    {
        _held.Clear();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "DeliveryLeases" WHERE "Holder" = {Holder}""", CancellationToken.None);
        }
        catch (Exception e)
        {
            // They expire by themselves.
            logger.LogWarning("Baux de {Holder} non rendus à l'arrêt : {Error}", Holder, e.Message);
        }
    }

    /// <summary>A lease in use: renewed in the background while its work goes on.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly LeaseStore _store;
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _renewal;
        public string Key { get; }

        /// <summary>Cancelled if the lease could not be renewed (another instance may take the conversation).</summary>
        public CancellationToken Lost => _lost.Token;

        internal Lease(LeaseStore store, string key, TimeSpan duration)
        {
            _store = store;
            Key = key;
            _renewal = RenewAsync(duration / 3);
        }

        private async Task RenewAsync(TimeSpan every)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(every, _stop.Token);
                    if (!await _store.TryTakeAsync(Key, _stop.Token))
                    {
                        _store.Logger.LogWarning("Bail {Key} perdu : une autre instance a pris la conversation", Key);
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception e) { _store.Logger.LogWarning("Bail {Key} non renouvelé : {Error}", Key, e.Message); }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewal;
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}

/// <summary>Registered before the inbox worker and the outbox sender, so it stops after them: gives this instance's leases back.</summary>
internal sealed class LeaseRelease(LeaseStore leases) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => leases.ReleaseAllAsync();
}
