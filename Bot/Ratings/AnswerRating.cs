using Communaute.Bot.Curation;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Ratings;

/// <summary>Where the optional « Qu'est-ce qui manquait ? » stands for a « pas utile ».</summary>
public enum CommentState { None, Asked, Given, Skipped }

/// <summary>What became of a « pas utile » in the curators' list.</summary>
public enum RatingStatus { Open, Fixed, Dismissed }

/// <summary>
/// A member's « Utile » / « Pas utile » on an answer. One per member and answer, enforced by a unique key: a second
/// click (or a click repeated by a channel) counts once. A « pas utile » joins a group of the curators' list.
/// </summary>
public sealed class AnswerRating
{
    public const int MaxComment = 1000;

    public long Id { get; set; }
    public long AnswerId { get; set; }

    /// <summary>Null once the member erased their data: the rating still counts for its fiche, nobody is behind it.</summary>
    public long? MemberId { get; set; }
    public long? ConversationId { get; set; }
    public bool Useful { get; set; }
    public Instant RatedAt { get; set; }

    public CommentState CommentState { get; set; }
    public string? Comment { get; set; }

    /// <summary>The curators' group (<see cref="QuestionGroup"/> of kind NotUseful) for a « pas utile ».</summary>
    public long? GroupId { get; set; }
    public RatingStatus Status { get; set; }
}

internal sealed class AnswerRatingConfiguration : IEntityTypeConfiguration<AnswerRating>
{
    public void Configure(EntityTypeBuilder<AnswerRating> e)
    {
        e.ToTable("AnswerRatings");
        e.Property(r => r.Comment).HasMaxLength(AnswerRating.MaxComment);
        // Clicked twice, retried by a channel, or typed after a click: one rating per member and answer.
        // (Anonymised ratings have no member; NULLs are distinct in both SQLite and PostgreSQL.)
        e.HasIndex(r => new { r.AnswerId, r.MemberId }).IsUnique();
        e.HasIndex(r => new { r.MemberId, r.ConversationId, r.CommentState });
        e.HasIndex(r => new { r.GroupId, r.Status });
        e.HasOne<GivenAnswer>().WithMany().HasForeignKey(r => r.AnswerId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<QuestionGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.SetNull);
    }
}
