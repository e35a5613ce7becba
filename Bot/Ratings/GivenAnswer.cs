using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Ratings;

/// <summary>
/// An answer the bot gave (a confident answer or the close fiches of « Voici ce qui s'en rapproche »), kept so that a
/// member can rate it later and curators read what was said, even once the fiche is gone from the base.
/// </summary>
public sealed class GivenAnswer
{
    public const int MaxQuestion = 2000;
    public const int MaxText = 4000;

    public long Id { get; set; }

    /// <summary>Null once the member erased their data (the rating counts stay, anonymous).</summary>
    public long? MemberId { get; set; }
    public long? ConversationId { get; set; }
    public required string Channel { get; set; }
    public Instant At { get; set; }

    /// <summary>The question as typed; emptied when the member erases their data.</summary>
    public required string Question { get; set; }

    /// <summary>"answer" or "partial".</summary>
    public required string Kind { get; set; }

    /// <summary>What the member read (the answer, or the close fiches' titles).</summary>
    public required string Text { get; set; }

    /// <summary>The fiches cited, the first being the one the answer comes from, comma-separated.</summary>
    public string EntryIds { get; set; } = "";

    /// <summary>The question's analysed words (<see cref="Curation.QuestionGrouping.Key"/>), to group « pas utile » like unanswered questions.</summary>
    public string GroupKey { get; set; } = "";

    public IReadOnlyList<string> Entries => EntryIds.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

internal sealed class GivenAnswerConfiguration : IEntityTypeConfiguration<GivenAnswer>
{
    public void Configure(EntityTypeBuilder<GivenAnswer> e)
    {
        e.ToTable("GivenAnswers");
        e.Property(a => a.Channel).HasMaxLength(32);
        e.Property(a => a.Question).HasMaxLength(GivenAnswer.MaxQuestion);
        e.Property(a => a.Kind).HasMaxLength(16);
        e.Property(a => a.Text).HasMaxLength(GivenAnswer.MaxText);
        e.Property(a => a.EntryIds).HasMaxLength(1000);
        e.Property(a => a.GroupKey).HasMaxLength(500);
        e.Ignore(a => a.Entries);
        e.HasIndex(a => new { a.MemberId, a.ConversationId, a.At });
        e.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.SetNull);
    }
}
