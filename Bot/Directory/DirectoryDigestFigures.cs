using Communaute.Bot.Digest;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>The directory's month for the digest: counts only, never names.</summary>
public sealed class DirectoryDigestFigures(BotDbContext db)
{
    public async Task<DirectoryFigures?> ReadAsync(Instant from, Instant to, CancellationToken ct)
    {
        var cards = await db.Set<ExperienceCard>().CountAsync(c => c.Status == CardStatus.Published && c.PublishedAt > from && c.PublishedAt <= to, ct);
        var introductions = await db.Set<IntroductionRequest>().CountAsync(r => r.Status == IntroductionStatus.Accepted && r.DecidedAt > from && r.DecidedAt <= to, ct);
        return cards == 0 && introductions == 0 ? null : new DirectoryFigures(cards, introductions);
    }
}
