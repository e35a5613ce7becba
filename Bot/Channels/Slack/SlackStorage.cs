using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

public enum SlackInboxState { Pending, Done, Ignored, Failed }

/// <summary>
/// Something Slack sent (event, slash command, interaction), acknowledged at once and kept here until it is
/// handled: the queue survives a restart, and the unique <see cref="DedupeKey"/> (event id, trigger id) drops Slack's retries.
/// </summary>
public sealed class SlackInboxItem
{
    public long Id { get; set; }

    /// <summary>"event", "command" or "interaction".</summary>
    public required string Kind { get; set; }
    public string? DedupeKey { get; set; }
    public required string PayloadJson { get; set; }

    /// <summary>Items of the same conversation are handled in order, one at a time.</summary>
    public required string ConversationKey { get; set; }
    public Instant ReceivedAt { get; set; }
    public SlackInboxState State { get; set; }
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }

    /// <summary>An instance working on the item holds it until then.</summary>
    public Instant? ClaimedUntil { get; set; }

    /// <summary>The Web API calls that answer the item, computed once (so a retry never runs the turn twice).</summary>
    public string? OutboxJson { get; set; }

    /// <summary>How many of the outbox calls were made.</summary>
    public int SentCount { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A card with inputs sent to Slack: its button opens it as a modal, its submission is checked against it.</summary>
public sealed class SlackForm
{
    public required string Id { get; set; }
    public required string CardJson { get; set; }
    public Instant CreatedAt { get; set; }
}

internal sealed class SlackInboxItemConfiguration : IEntityTypeConfiguration<SlackInboxItem>
{
    public void Configure(EntityTypeBuilder<SlackInboxItem> e)
    {
        e.ToTable("SlackInbox");
        e.Property(i => i.Kind).HasMaxLength(16);
        e.Property(i => i.DedupeKey).HasMaxLength(200);
        e.Property(i => i.ConversationKey).HasMaxLength(128);
        e.Property(i => i.LastError).HasMaxLength(1000);
        e.HasIndex(i => i.DedupeKey).IsUnique();
        e.HasIndex(i => new { i.State, i.NextAttemptAt });
        e.HasIndex(i => i.ReceivedAt);
    }
}

internal sealed class SlackFormConfiguration : IEntityTypeConfiguration<SlackForm>
{
    public void Configure(EntityTypeBuilder<SlackForm> e)
    {
        e.ToTable("SlackForms");
        e.Property(f => f.Id).HasMaxLength(40);
        e.HasIndex(f => f.CreatedAt);
    }
}
