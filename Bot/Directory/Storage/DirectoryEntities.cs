using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory.Storage;

public enum CardStatus { Draft, Published, Hidden }

/// <summary>
/// A member's experience card (« fiche d'expérience »): what they can help with, what they look for, where they are,
/// how to reach them. Shown to other members only once <see cref="Status"/> is <see cref="CardStatus.Published"/>,
/// which only the member's explicit yes sets.
/// </summary>
public sealed class ExperienceCard
{
    public long MemberId { get; set; }
    public string HelpsWith { get; set; } = "";
    public string? LooksFor { get; set; }
    public string? Organisation { get; set; }
    public string? Region { get; set; }
    public string? Territory { get; set; }

    /// <summary>How the member chose to be contacted once they accept an introduction (shared with that person only).</summary>
    public string? Contact { get; set; }
    public CardStatus Status { get; set; }

    /// <summary>When the member said yes to publication (null: never).</summary>
    public Instant? ConsentedAt { get; set; }

    /// <summary>First publication: « nouvelles fiches ce mois-ci ».</summary>
    public Instant? PublishedAt { get; set; }

    /// <summary>No introduction requests until then (« pas de mise en relation jusqu'au 15 mars »).</summary>
    public Instant? PausedUntil { get; set; }

    /// <summary>Incremented at every change: the search index of each instance notices it.</summary>
    public long Version { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}

public enum IntroductionStatus { Pending, Accepted, Declined, Expired }

/// <summary>A member's request to be introduced to another (double consent: the peer accepts or declines).</summary>
public sealed class IntroductionRequest
{
    public long Id { get; set; }
    public long AskerId { get; set; }
    public long PeerId { get; set; }
    public required string Topic { get; set; }
    public IntroductionStatus Status { get; set; }

    /// <summary>"min:max" of the two members while pending, null once answered: unique, so one pending request per pair.</summary>
    public string? PendingPair { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? DecidedAt { get; set; }
}

/// <summary>A member who never wants to see another in the directory, nor be asked by them.</summary>
public sealed class DirectoryBlock
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long BlockedMemberId { get; set; }
    public Instant CreatedAt { get; set; }
}

/// <summary>A search of the directory (from the member, or offered after the Q&amp;A abstained): coverage for facilitators.</summary>
public sealed class DirectorySearch
{
    public long Id { get; set; }
    public long? MemberId { get; set; }
    public required string Text { get; set; }
    public int Results { get; set; }
    public Instant At { get; set; }
}

internal sealed class ExperienceCardConfiguration : IEntityTypeConfiguration<ExperienceCard>
{
    public void Configure(EntityTypeBuilder<ExperienceCard> e)
    {
        e.ToTable("ExperienceCards");
        e.HasKey(c => c.MemberId);
        e.Property(c => c.MemberId).ValueGeneratedNever();
        e.Property(c => c.HelpsWith).HasMaxLength(Rules.CardLimits.MaxField);
        e.Property(c => c.LooksFor).HasMaxLength(Rules.CardLimits.MaxField);
        e.Property(c => c.Organisation).HasMaxLength(Rules.CardLimits.MaxShortField);
        e.Property(c => c.Region).HasMaxLength(64);
        e.Property(c => c.Territory).HasMaxLength(Rules.CardLimits.MaxShortField);
        e.Property(c => c.Contact).HasMaxLength(Rules.CardLimits.MaxShortField);
        e.HasIndex(c => new { c.Status, c.PublishedAt });
        e.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IntroductionRequestConfiguration : IEntityTypeConfiguration<IntroductionRequest>
{
    public void Configure(EntityTypeBuilder<IntroductionRequest> e)
    {
        e.ToTable("IntroductionRequests");
        e.Property(r => r.Topic).HasMaxLength(Rules.CardLimits.MaxTopic);
        e.Property(r => r.PendingPair).HasMaxLength(48);
        e.HasIndex(r => r.PendingPair).IsUnique();
        e.HasIndex(r => new { r.AskerId, r.CreatedAt });
        e.HasIndex(r => new { r.PeerId, r.CreatedAt });
        e.HasIndex(r => new { r.Status, r.CreatedAt });
        e.HasOne<Member>().WithMany().HasForeignKey(r => r.AskerId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(r => r.PeerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DirectoryBlockConfiguration : IEntityTypeConfiguration<DirectoryBlock>
{
    public void Configure(EntityTypeBuilder<DirectoryBlock> e)
    {
        e.ToTable("DirectoryBlocks");
        e.HasIndex(b => new { b.MemberId, b.BlockedMemberId }).IsUnique();
        e.HasIndex(b => b.BlockedMemberId);
        e.HasOne<Member>().WithMany().HasForeignKey(b => b.MemberId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(b => b.BlockedMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DirectorySearchConfiguration : IEntityTypeConfiguration<DirectorySearch>
{
    public void Configure(EntityTypeBuilder<DirectorySearch> e)
    {
        e.ToTable("DirectorySearches");
        e.Property(s => s.Text).HasMaxLength(Rules.CardLimits.MaxTopic);
        e.HasIndex(s => s.At);
        e.HasIndex(s => s.MemberId);
        e.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
