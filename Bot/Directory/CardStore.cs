using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// A member's card in the database: saved as a draft until the member says yes, published, hidden, paused, deleted.
/// Every change bumps the card's version, which each instance's search index watches.
/// </summary>
public sealed class CardStore(BotDbContext db, DirectoryIndexCache index)
{
    public Task<ExperienceCard?> FindAsync(long memberId, CancellationToken ct) =>
        db.Set<ExperienceCard>().AsNoTracking().FirstOrDefaultAsync(c => c.MemberId == memberId, ct);

    /// <summary>
    /// Saves what the member typed (fields left blank keep their value when <paramref name="keepBlank"/>); a new card is
    /// a draft, a published card stays published with its new text.
    /// </summary>
    public async Task<ExperienceCard> SaveAsync(long memberId, CardDraft draft, bool keepBlank, Instant now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var card = await db.Set<ExperienceCard>().FirstOrDefaultAsync(c => c.MemberId == memberId, ct);
            if (card is null) db.Add(card = new ExperienceCard { MemberId = memberId, Status = CardStatus.Draft, CreatedAt = now });
            card.HelpsWith = Pick(draft.HelpsWith, card.HelpsWith, keepBlank) ?? "";
            card.LooksFor = Pick(draft.LooksFor, card.LooksFor, keepBlank);
            card.Organisation = Pick(draft.Organisation, card.Organisation, keepBlank);
            card.Region = Pick(draft.Region, card.Region, keepBlank);
            card.Territory = Pick(draft.Territory, card.Territory, keepBlank);
            card.Contact = Pick(draft.Contact, card.Contact, keepBlank);
            card.UpdatedAt = now;
            card.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                index.Invalidate();
                return card;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string? Pick(string? typed, string? stored, bool keepBlank) =>
        typed is not null ? typed : keepBlank ? stored : null;

    /// <summary>Publishes on the member's yes (consent recorded); false when there is no card with something to help with.</summary>
    public async Task<bool> PublishAsync(long memberId, Instant now, CancellationToken ct) => Changed(
        await db.Set<ExperienceCard>().Where(c => c.MemberId == memberId && c.HelpsWith != "")
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, CardStatus.Published)
                .SetProperty(c => c.ConsentedAt, now)
                .SetProperty(c => c.PublishedAt, c => c.PublishedAt ?? now)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), ct));

    /// <summary>Hides the card at once (right to object); false when there is none.</summary>
    public async Task<bool> HideAsync(long memberId, Instant now, CancellationToken ct) => Changed(
        await db.Set<ExperienceCard>().Where(c => c.MemberId == memberId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, CardStatus.Hidden)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), ct));

    public async Task<bool> PauseAsync(long memberId, Instant? until, Instant now, CancellationToken ct) => Changed(
        await db.Set<ExperienceCard>().Where(c => c.MemberId == memberId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.PausedUntil, until)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), ct));

    /// <summary>Deletes the card and the requests waiting for this member's answer.</summary>
    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var count = await db.Set<IntroductionRequest>().Where(r => r.PeerId == memberId && r.Status == IntroductionStatus.Pending).ExecuteDeleteAsync(ct);
        count += await db.Set<ExperienceCard>().Where(c => c.MemberId == memberId).ExecuteDeleteAsync(ct);
        index.Invalidate();
        return count;
    }

    private bool Changed(int rows)
    {
        if (rows > 0) index.Invalidate();
        return rows > 0;
    }
}
