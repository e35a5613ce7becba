using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Curation;

public enum QuestionGroupStatus { Open, Answered, Dismissed }

/// <summary>What the group gathers: questions the base could not answer, or answers members found « pas utile ».</summary>
public enum QuestionGroupKind { Unanswered, NotUseful }

/// <summary>
/// Unanswered questions that ask the same thing (same words once normalised, or close enough), counted together for
/// curators. A group is closed when an entry answers it (members who asked are then told) or when a curator dismisses it.
/// </summary>
public sealed class QuestionGroup
{
    public long Id { get; set; }

    /// <summary>The question's analysed words, sorted ("dotat french impact"), to find similar questions.</summary>
    public required string Key { get; set; }

    /// <summary>The first question asked, as typed: what curators read.</summary>
    public required string Text { get; set; }
    public QuestionGroupKind Kind { get; set; }
    public QuestionGroupStatus Status { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant LastAskedAt { get; set; }
    public Instant? ClosedAt { get; set; }

    /// <summary>The entry that answers the group (by a curator or found after a reload).</summary>
    public string? AnsweredByEntryId { get; set; }
}

internal sealed class QuestionGroupConfiguration : IEntityTypeConfiguration<QuestionGroup>
{
    public void Configure(EntityTypeBuilder<QuestionGroup> e)
    {
        e.Property(g => g.Key).HasMaxLength(500);
        e.Property(g => g.Text).HasMaxLength(2000);
        e.Property(g => g.AnsweredByEntryId).HasMaxLength(300);
        // Groups made before ratings existed are of unanswered questions: the AnswerRatings migration fills them so.
        e.HasIndex(g => new { g.Status, g.LastAskedAt });
        e.HasMany<UnansweredQuestion>().WithOne().HasForeignKey(q => q.GroupId).OnDelete(DeleteBehavior.SetNull);
    }
}
