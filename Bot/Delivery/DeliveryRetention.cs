using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Keeps the delivery tables small: handled inbox items after <see cref="DeliveryOptions.InboxRetentionDays"/>, sent
/// and failed messages after <see cref="DeliveryOptions.OutboxRetentionDays"/>, leases long expired.
/// </summary>
public sealed class DeliveryRetention(BotDbContext db, IOptions<DeliveryOptions> options, ILogger<DeliveryRetention> logger) : IDueWork
{
    private static readonly Duration Every = Duration.FromHours(1);

    public string Name => "delivery-retention";

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        var inboxBefore = now - Duration.FromDays(options.Value.InboxRetentionDays);
        var outboxBefore = now - Duration.FromDays(options.Value.OutboxRetentionDays);
        var leasesBefore = now - Duration.FromDays(1);
        var inbox = await db.Set<InboxItem>().Where(i => i.State != InboxState.Pending && i.ReceivedAt < inboxBefore).ExecuteDeleteAsync(ct);
        var outbox = await db.Set<OutboxMessage>().Where(o => o.Status != OutboxStatus.Pending && o.CreatedAt < outboxBefore).ExecuteDeleteAsync(ct);
        await db.Set<DeliveryLease>().Where(l => l.Until < leasesBefore).ExecuteDeleteAsync(ct);
        if (inbox + outbox > 0)
            logger.LogInformation("Rétention : {Inbox} élément(s) reçu(s) et {Outbox} message(s) envoyé(s) ou en échec supprimé(s)", inbox, outbox);
    }

    public Task<Instant?> NextDueAsync(Instant now, CancellationToken ct) => Task.FromResult<Instant?>(now + Every);
}
