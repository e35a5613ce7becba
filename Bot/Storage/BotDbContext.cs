using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Communaute.Bot.Storage;

/// <summary>
/// All of the bot's state. Written for SQLite (default) and PostgreSQL alike: instants are stored as
/// Unix ticks (64-bit integers), text lengths are bounded where they are indexed.
/// </summary>
public class BotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<UnansweredQuestion> UnansweredQuestions => Set<UnansweredQuestion>();
    public DbSet<AnswerAudit> AnswerAudits => Set<AnswerAudit>();

    /// <summary>Set while a turn runs on SQLite: its transaction begins at its first write (<see cref="DeferredTurnWrites"/>).</summary>
    public bool DeferredTurn { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<Instant>().HaveConversion<InstantToTicksConverter>();
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Member>(e =>
        {
            e.Property(m => m.Channel).HasMaxLength(32);
            e.Property(m => m.ChannelUserId).HasMaxLength(256);
            e.Property(m => m.DisplayName).HasMaxLength(256);
            e.Property(m => m.TimeZoneId).HasMaxLength(64);
            e.Property(m => m.Roles).HasMaxLength(256);
            e.HasIndex(m => new { m.Channel, m.ChannelUserId }).IsUnique();
        });
        model.Entity<Conversation>(e =>
        {
            e.Property(c => c.Channel).HasMaxLength(32);
            e.Property(c => c.ChannelConversationId).HasMaxLength(512);
            e.HasIndex(c => new { c.Channel, c.ChannelConversationId }).IsUnique();
        });
        model.Entity<UnansweredQuestion>(e =>
        {
            e.Property(q => q.Text).HasMaxLength(2000);
            e.Property(q => q.Channel).HasMaxLength(32);
            e.HasIndex(q => new { q.Status, q.AskedAt });
        });
        model.Entity<AnswerAudit>(e =>
        {
            e.Property(a => a.Question).HasMaxLength(2000);
            e.Property(a => a.Channel).HasMaxLength(32);
            e.Property(a => a.Outcome).HasMaxLength(32);
            e.Property(a => a.Sources).HasMaxLength(1000);
            e.HasIndex(a => a.At);
        });

        // Features keep their entities' mapping beside them (IEntityTypeConfiguration<T>).
        model.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);
    }
}

internal sealed class InstantToTicksConverter() : ValueConverter<Instant, long>(
    i => i.ToUnixTimeTicks(),
    t => Instant.FromUnixTimeTicks(t));
