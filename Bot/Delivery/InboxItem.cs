using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Delivery;

public enum InboxState { Pending, Done, Ignored, Failed }

/// <summary>
/// Something a channel sent (a Teams activity, a Slack event, command or click), stored before it is acknowledged
/// and handled later by <see cref="InboxWorker"/>. The unique <see cref="DedupeKey"/> (the channel's id of the
/// message) drops redeliveries; items of one <see cref="ConversationKey"/> are handled in order, one at a time.
/// </summary>
public sealed class InboxItem
{
    public long Id { get; set; }

    /// <summary>"msteams", "slack".</summary>
    public required string Channel { get; set; }

    /// <summary>The channel adapter's kind of payload ("activity", "invoke", "event", "command", "interaction").</summary>
    public required string Kind { get; set; }

    public string? DedupeKey { get; set; }
    public required string PayloadJson { get; set; }
    public required string ConversationKey { get; set; }
    public Instant ReceivedAt { get; set; }
    public InboxState State { get; set; }
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }

    public Instant? HandledAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The W3C trace context of the request that stored it: the worker's span continues that trace.</summary>
    public string? TraceParent { get; set; }
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> e)
    {
        e.ToTable("Inbox");
        e.Property(i => i.Channel).HasMaxLength(32);
        e.Property(i => i.Kind).HasMaxLength(16);
        e.Property(i => i.DedupeKey).HasMaxLength(DeliveryKeys.MaxLength);
        e.Property(i => i.ConversationKey).HasMaxLength(DeliveryKeys.MaxLength);
        e.Property(i => i.LastError).HasMaxLength(1000);
        e.Property(i => i.TraceParent).HasMaxLength(128);
        e.HasIndex(i => i.DedupeKey).IsUnique();
        e.HasIndex(i => new { i.State, i.NextAttemptAt });
        e.HasIndex(i => new { i.ConversationKey, i.State, i.Id });
        e.HasIndex(i => i.ReceivedAt);
    }
}
