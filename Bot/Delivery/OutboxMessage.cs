using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Delivery;

public enum OutboxOperation { Send, Update, Delete }

public enum OutboxStatus { Pending, Sent, Failed }

/// <summary>
/// One message the bot sends (a reply, a proactive message, an update or deletion of an earlier one), written in the
/// transaction of the change that caused it and delivered later by <see cref="OutboxSender"/>. The unique
/// <see cref="IdempotencyKey"/> makes a second write of the same message a no-op; messages of one
/// <see cref="ConversationKey"/> go out in order.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Channel { get; set; }
    public OutboxOperation Operation { get; set; }

    /// <summary>The stored conversation it goes to; null for a message to a member whose 1:1 is not open yet.</summary>
    public long? ConversationId { get; set; }

    /// <summary>The member a 1:1 message is for (the sender opens the conversation when needed).</summary>
    public long? MemberId { get; set; }

    /// <summary>Messages with the same key are delivered in order, one at a time.</summary>
    public required string ConversationKey { get; set; }

    /// <summary>The channel adapter's own addressing for a reply (thread, message replied to, ephemeral, response_url).</summary>
    public string? RouteJson { get; set; }

    /// <summary>
    /// The conversation as it was when the message was written (<see cref="ConversationSnapshot"/>), kept only when the
    /// turn that wrote it erased the conversation itself (« supprimer mes données »): its confirmation still goes out.
    /// </summary>
    public string? ConversationSnapshotJson { get; set; }

    /// <summary>The neutral <c>Reply</c> as JSON (Send, Update), rendered for the channel at send time.</summary>
    public string? PayloadJson { get; set; }

    /// <summary>Update, Delete: the idempotency key of the message sent earlier.</summary>
    public string? TargetKey { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }

    /// <summary>
    /// When an attempt started that may have reached the platform without the bot learning it (crash, timeout):
    /// recorded before every call, cleared once the outcome is known.
    /// </summary>
    public Instant? InFlightSince { get; set; }

    /// <summary>For a reply the channel splits into several messages (Slack's 50 blocks): how many went out.</summary>
    public int PartsSent { get; set; }

    /// <summary>The platform's id of the sent message (Teams activity id, Slack ts), for later updates.</summary>
    public string? PlatformMessageId { get; set; }

    /// <summary>Where it landed (Teams conversation id, Slack channel).</summary>
    public string? PlatformConversationId { get; set; }

    /// <summary>Why the last attempt failed (the platform's answer), for people; kept while a retry waits.</summary>
    public string? LastError { get; set; }

    /// <summary>Why the message was given up (Failed), as classified by the sender; <see cref="OutboxFailureKind.None"/> otherwise.</summary>
    public OutboxFailureKind FailureKind { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? SentAt { get; set; }

    /// <summary>The W3C trace context it was written in (a turn's): the sender's span continues that trace.</summary>
    public string? TraceParent { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("Outbox");
        e.Property(o => o.IdempotencyKey).HasMaxLength(DeliveryKeys.MaxLength);
        e.Property(o => o.Channel).HasMaxLength(32);
        e.Property(o => o.ConversationKey).HasMaxLength(DeliveryKeys.MaxLength);
        e.Property(o => o.TargetKey).HasMaxLength(DeliveryKeys.MaxLength);
        e.Property(o => o.PlatformMessageId).HasMaxLength(1024);
        e.Property(o => o.PlatformConversationId).HasMaxLength(512);
        e.Property(o => o.LastError).HasMaxLength(1000);
        e.Property(o => o.TraceParent).HasMaxLength(128);
        // Rows written by OutboxWriter's INSERT, and those written before the column existed, are "None".
        e.Property(o => o.FailureKind).HasDefaultValue(OutboxFailureKind.None);
        e.HasIndex(o => o.IdempotencyKey).IsUnique();
        e.HasIndex(o => new { o.Status, o.NextAttemptAt });
        e.HasIndex(o => new { o.ConversationKey, o.Status, o.Id });
        e.HasIndex(o => new { o.Channel, o.PlatformMessageId });
        e.HasIndex(o => o.MemberId);
        // Cascade: a message to a member who is erased must not go out, and carries their data.
        e.HasOne<Storage.Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(o => o.ConversationId);
        e.HasIndex(o => o.CreatedAt);
    }
}
