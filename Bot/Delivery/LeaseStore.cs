using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Per-conversation leases in the database, so that across instances a conversation's queue is worked by one at a
/// time (its order kept): taken with one INSERT … ON CONFLICT … DO UPDATE … WHERE expired (SQLite and PostgreSQL),
/// renewed while held, released when done. In-process locks play no part in correctness.
/// </summary>
public sealed class LeaseStore(IServiceScopeFactory scopes, IClock clock, IOptions<DeliveryOptions> options, ILogger<LeaseStore> logger)
{
    internal ILogger Logger => logger;

    /// <summary>This instance's name in the lease table (unique per process start).</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The lease on <paramref name="key"/>, or null when another instance holds it.</summary>
    public async Task<Lease?> TryAcquireAsync(string key, CancellationToken ct)
    {
        key = DeliveryKeys.Bounded(key);
        if (!await TryTakeAsync(key, ct)) return null;
        return new Lease(this, key, options.Value.LeaseDuration);
    }

    private async Task<bool> TryTakeAsync(string key, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var until = (now + Duration.FromTimeSpan(options.Value.LeaseDuration)).ToUnixTimeTicks();
        var nowTicks = now.ToUnixTimeTicks();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var rows = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DeliveryLeases" ("Key", "Holder", "Until") VALUES ({key}, {Holder}, {until})
            ON CONFLICT ("Key") DO UPDATE SET "Holder" = excluded."Holder", "Until" = excluded."Until"
            WHERE "DeliveryLeases"."Until" < {nowTicks} OR "DeliveryLeases"."Holder" = {Holder}
            """, ct);
        return rows > 0;
    }

    private async Task ReleaseAsync(string key)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "DeliveryLeases" WHERE "Key" = {key} AND "Holder" = {Holder}""", CancellationToken.None);
        }
        catch (Exception e)
        {
            // It expires by itself.
            logger.LogWarning("Bail {Key} non rendu : {Error}", key, e.Message);
        }
    }

    /// <summary>A held lease: renewed in the background while held, released on dispose.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly LeaseStore _store;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewal;
        public string Key { get; }

        /// <summary>Cancelled if the lease could not be renewed (another instance may take the conversation).</summary>
        public CancellationToken Lost => _lost.Token;
        private readonly CancellationTokenSource _lost = new();

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
            await _store.ReleaseAsync(Key);
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
