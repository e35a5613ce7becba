using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Which instance works on a conversation's inbox or outbox queue, until when. Taken atomically (an insert, or an
/// update of an expired lease, in one statement), so across instances one conversation is handled by one at a time.
/// </summary>
public sealed class DeliveryLease
{
    public required string Key { get; set; }
    public required string Holder { get; set; }
    public Instant Until { get; set; }
}

internal sealed class DeliveryLeaseConfiguration : IEntityTypeConfiguration<DeliveryLease>
{
    public void Configure(EntityTypeBuilder<DeliveryLease> e)
    {
        e.ToTable("DeliveryLeases");
        e.HasKey(l => l.Key);
        e.Property(l => l.Key).HasMaxLength(DeliveryKeys.MaxLength + 8);
        e.Property(l => l.Holder).HasMaxLength(120);
        e.HasIndex(l => l.Until);
    }
}
