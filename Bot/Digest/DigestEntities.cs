using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Digest;

public enum DigestStatus
{
    Draft, Approved, Posted, Skipped, Empty,
    /// <summary>The month ended before a facilitator approved it: never posted.</summary>
    Expired,
}

/// <summary>
/// The digest of one month (named by the month it is posted in, "2026-12"): its sections as facilitators edited
/// them, its schedule, who approved it, and the knowledge snapshot the next digest compares with.
/// </summary>
public sealed class DigestRecord
{
    public long Id { get; set; }

    /// <summary>"yyyy-MM": the month the digest is posted in. Unique: one digest per month.</summary>
    public required string Period { get; set; }
    public DigestStatus Status { get; set; }

    /// <summary>The sections (<see cref="DigestContent"/> as JSON).</summary>
    public string ContentJson { get; set; } = "{}";

    /// <summary>Incremented at every edit; concurrency token, and tells which posted messages need an update.</summary>
    public int Revision { get; set; }

    /// <summary>When the posting is due (default the first working day of the month, 09:00 Paris).</summary>
    public Instant ScheduledAt { get; set; }

    /// <summary>End of the month the digest belongs to: it cannot be approved nor posted after that.</summary>
    public Instant PeriodEndsAt { get; set; }

    /// <summary>The window of activity the digest covers: (CoversFrom, CreatedAt].</summary>
    public Instant CoversFrom { get; set; }
    public Instant CreatedAt { get; set; }
    public long? ApprovedByMemberId { get; set; }
    public string? ApprovedByName { get; set; }
    public Instant? ApprovedAt { get; set; }
    public Instant? PostedAt { get; set; }
    public Instant? ReminderSentAt { get; set; }

    /// <summary>When the facilitators were sent the draft (or told that the month was empty).</summary>
    public Instant? DraftNotifiedAt { get; set; }

    /// <summary>Knowledge entries seen when the draft was built (id → content hash), as JSON.</summary>
    public string KnowledgeSnapshotJson { get; set; } = "{}";
}

/// <summary>A conversation (Teams channel, Slack channel…) the digest is posted to.</summary>
public sealed class DigestTarget
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public long? AddedByMemberId { get; set; }
    public Instant AddedAt { get; set; }

    /// <summary>Set when the bot can no longer write there (removed from the channel): skipped until subscribed again.</summary>
    public Instant? ParkedAt { get; set; }
    public string? ParkedReason { get; set; }
}

public enum DigestPostingStatus { Pending, Sent, Parked }

/// <summary>
/// One digest to one target: written when the digest is approved (one transaction), claimed by a conditional update
/// when it is posted. Its key — unique in the database — is the idempotency key given to the proactive API.
/// </summary>
public sealed class DigestPosting
{
    public long Id { get; set; }
    public long DigestId { get; set; }
    public long TargetId { get; set; }
    public long ConversationId { get; set; }

    /// <summary>"digest:{period}:{targetId}".</summary>
    public required string IdempotencyKey { get; set; }
    public DigestPostingStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? SentAt { get; set; }

    /// <summary>How many messages were posted (the digest may be split to stay within a channel's limits).</summary>
    public int MessageCount { get; set; }

    /// <summary>The digest's revision the posted messages show; lower than the digest's → update them.</summary>
    public int SentRevision { get; set; }
}

/// <summary>An answer a member proposed to an unanswered question from the digest's call, for curators to review.</summary>
public sealed class AnswerProposal
{
    public long Id { get; set; }
    public long UnansweredQuestionId { get; set; }
    public required string QuestionText { get; set; }
    public long? DigestId { get; set; }
    public long MemberId { get; set; }
    public string MemberName { get; set; } = "";
    public required string Text { get; set; }
    public Instant ProposedAt { get; set; }
}

internal sealed class DigestRecordConfiguration : IEntityTypeConfiguration<DigestRecord>
{
    public void Configure(EntityTypeBuilder<DigestRecord> e)
    {
        e.ToTable("Digests");
        e.Property(d => d.Period).HasMaxLength(7);
        e.Property(d => d.ApprovedByName).HasMaxLength(256);
        e.Property(d => d.Revision).IsConcurrencyToken();
        e.HasIndex(d => d.Period).IsUnique();
        e.HasIndex(d => new { d.Status, d.ScheduledAt });
    }
}

internal sealed class DigestTargetConfiguration : IEntityTypeConfiguration<DigestTarget>
{
    public void Configure(EntityTypeBuilder<DigestTarget> e)
    {
        e.ToTable("DigestTargets");
        e.Property(t => t.ParkedReason).HasMaxLength(256);
        e.HasIndex(t => t.ConversationId).IsUnique();
    }
}

internal sealed class DigestPostingConfiguration : IEntityTypeConfiguration<DigestPosting>
{
    public void Configure(EntityTypeBuilder<DigestPosting> e)
    {
        e.ToTable("DigestPostings");
        e.Property(p => p.IdempotencyKey).HasMaxLength(128);
        e.Property(p => p.LastError).HasMaxLength(512);
        e.HasIndex(p => p.IdempotencyKey).IsUnique();
        e.HasIndex(p => new { p.DigestId, p.TargetId }).IsUnique();
        // Cascade: a posting is the state of one digest in one channel; without its digest it is nothing. (TargetId has no
        // key on purpose: an unsubscribed channel's sent postings are kept as the record of what was posted.)
        e.HasOne<DigestRecord>().WithMany().HasForeignKey(p => p.DigestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnswerProposalConfiguration : IEntityTypeConfiguration<AnswerProposal>
{
    public void Configure(EntityTypeBuilder<AnswerProposal> e)
    {
        e.ToTable("DigestAnswerProposals");
        e.Property(p => p.QuestionText).HasMaxLength(2000);
        e.Property(p => p.MemberName).HasMaxLength(256);
        e.Property(p => p.Text).HasMaxLength(4000);
        e.HasIndex(p => p.MemberId);
        e.HasIndex(p => p.DigestId);
        // Cascade: a proposed answer is the member's text; erasing the member erases it.
        e.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        // Cascade: a proposal made for a digest that is gone has no place to appear.
        e.HasOne<DigestRecord>().WithMany().HasForeignKey(p => p.DigestId).OnDelete(DeleteBehavior.Cascade);
    }
}
