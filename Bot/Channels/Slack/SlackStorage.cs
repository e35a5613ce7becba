using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>A card with inputs sent to Slack: its button opens it as a modal, its submission is checked against it.</summary>
public sealed class SlackForm
{
    public required string Id { get; set; }
    public required string CardJson { get; set; }
    public Instant CreatedAt { get; set; }
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
