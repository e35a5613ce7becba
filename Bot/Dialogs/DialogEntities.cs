using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Communaute.Bot.Storage;
using NodaTime;

namespace Communaute.Bot.Dialogs;

/// <summary>The running dialog of a member in a conversation (one at most), as the engine wrote it.</summary>
public sealed class DialogStateRecord
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long ConversationId { get; set; }
    public required string DialogId { get; set; }
    public required string StateJson { get; set; }

    /// <summary>Incremented at every write; a write expecting another revision loses (two servers, one turn).</summary>
    public long Revision { get; set; }
    public Instant UpdatedAt { get; set; }
}

/// <summary>A completed characterisation (self-assessment on the grid).</summary>
public sealed class CharacterisationRecord
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public required string GridVersion { get; set; }
    public Instant StartedAt { get; set; }
    public Instant CompletedAt { get; set; }
    public string KeyAnswersJson { get; set; } = "{}";
    public string LevelsJson { get; set; } = "{}";
    public string NotesJson { get; set; } = "{}";
    public string? ChartMediaId { get; set; }
    public string? Pitch { get; set; }
    public bool SharedWithFacilitators { get; set; }
}

/// <summary>A file the bot serves at /media/{id}.{extension} (charts, exports); the id is random and unguessable.</summary>
public sealed class MediaFile
{
    public required string Id { get; set; }
    public long MemberId { get; set; }
    public required string ContentType { get; set; }
    public required string Extension { get; set; }
    public required byte[] Content { get; set; }
    public Instant CreatedAt { get; set; }
}

internal sealed class DialogStateRecordConfiguration : IEntityTypeConfiguration<DialogStateRecord>
{
    public void Configure(EntityTypeBuilder<DialogStateRecord> e)
    {
        e.ToTable("DialogStates");
        e.Property(s => s.DialogId).HasMaxLength(64);
        e.Property(s => s.Revision).IsConcurrencyToken();
        e.HasIndex(s => new { s.MemberId, s.ConversationId }).IsUnique();
        e.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        // Erasing one member never takes a conversation another member's questionnaire lives in.
        e.HasOne<Conversation>().WithMany().HasForeignKey(s => s.ConversationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CharacterisationRecordConfiguration : IEntityTypeConfiguration<CharacterisationRecord>
{
    public void Configure(EntityTypeBuilder<CharacterisationRecord> e)
    {
        e.ToTable("Characterisations");
        e.Property(c => c.GridVersion).HasMaxLength(64);
        e.Property(c => c.ChartMediaId).HasMaxLength(64);
        e.HasIndex(c => new { c.MemberId, c.CompletedAt });
        e.HasIndex(c => c.CompletedAt);
        e.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<MediaFile>().WithMany().HasForeignKey(c => c.ChartMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> e)
    {
        e.ToTable("MediaFiles");
        e.Property(m => m.Id).HasMaxLength(64);
        e.Property(m => m.ContentType).HasMaxLength(64);
        e.Property(m => m.Extension).HasMaxLength(8);
        e.HasIndex(m => m.MemberId);
        e.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
