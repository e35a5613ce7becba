using System.Security.Cryptography;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Security;

/// <summary>A secret the bot generated for itself and keeps in the database, shared by every instance.</summary>
public sealed class StoredSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>The secret named <paramref name="name"/>, created (32 random bytes, base64) by the first instance that asks.</summary>
    public static async Task<string> GetOrCreateAsync(BotDbContext db, string name, Instant now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.Set<StoredSecret>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(ct);
            if (existing is not null) return existing;
            db.Add(new StoredSecret { Name = name, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another instance created it first: read theirs.
                db.ChangeTracker.Clear();
            }
        }
    }
}

internal sealed class StoredSecretConfiguration : IEntityTypeConfiguration<StoredSecret>
{
    public void Configure(EntityTypeBuilder<StoredSecret> e)
    {
        e.ToTable("Secrets");
        e.HasKey(s => s.Name);
        e.Property(s => s.Name).HasMaxLength(64);
        e.Property(s => s.Value).HasMaxLength(256);
    }
}
