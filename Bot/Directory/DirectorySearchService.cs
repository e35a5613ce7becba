using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>A card found for a member: as stored now, with the words to highlight.</summary>
public sealed record FoundCard(long MemberId, string Name, string HelpsWith, string? Organisation, string? Region, string? Territory, IReadOnlySet<string> Highlight);

/// <summary>
/// Searches the directory for a member: their own card, cards of people either of them blocked, and cards no longer
/// published (hidden, erased, never consented) never appear — the last check is made on the database, not the index.
/// </summary>
public sealed class DirectorySearchService(BotDbContext db, DirectoryIndexCache cache)
{
    public const int MaxResults = 5;

    public DirectoryAnalysis Analysis => cache.Analysis;

    public async Task<IReadOnlyList<FoundCard>> SearchAsync(long askerId, DirectoryQuestion question, int take, CancellationToken ct)
    {
        if (!question.HasTopic) return [];
        var index = await cache.GetAsync(db, ct);
        // Ranked in memory, then checked in one query: still published, and no block either way between the two.
        var matches = index.Search(question.Topic, question.Region, take + 10, id => id != askerId);
        if (matches.Count == 0) return [];
        var ids = new long[matches.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = matches[i].Card.MemberId;
        var fresh = new Dictionary<long, FreshCard>(ids.Length);
        await foreach (var card in StillShown(db)(db, ids, askerId).WithCancellation(ct)) fresh[card.MemberId] = card;
        var found = new List<FoundCard>(Math.Min(take, fresh.Count));
        foreach (var m in matches)
        {
            if (found.Count == take) break;
            if (fresh.TryGetValue(m.Card.MemberId, out var c))
                found.Add(new FoundCard(c.MemberId, c.DisplayName, c.HelpsWith, c.Organisation, c.Region, c.Territory, m.Highlight));
        }
        return found;
    }

    private sealed record FreshCard(long MemberId, string DisplayName, string HelpsWith, string? Organisation, string? Region, string? Territory);

    /// <summary>
    /// The matched cards still published, with no block either way, as stored now. Compiled once per provider's model
    /// (a compiled query serves one model): this read runs at every search, and translating it each time cost more than running it.
    /// </summary>
    private static Func<BotDbContext, long[], long, IAsyncEnumerable<FreshCard>> StillShown(BotDbContext db) =>
        StillShownByModel.GetOrAdd(db.GetType(), _ => CompileStillShown());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<BotDbContext, long[], long, IAsyncEnumerable<FreshCard>>>
        StillShownByModel = new();

    private static Func<BotDbContext, long[], long, IAsyncEnumerable<FreshCard>> CompileStillShown() => EF.CompileAsyncQuery(
        (BotDbContext db, long[] ids, long askerId) => db.Set<ExperienceCard>().AsNoTracking()
            .Where(c => ids.Contains(c.MemberId) && c.Status == CardStatus.Published
                        && !db.Set<DirectoryBlock>().Any(b => (b.MemberId == askerId && b.BlockedMemberId == c.MemberId)
                                                             || (b.MemberId == c.MemberId && b.BlockedMemberId == askerId)))
            .Join(db.Members.AsNoTracking(), c => c.MemberId, m => m.Id,
                (c, m) => new FreshCard(c.MemberId, m.DisplayName, c.HelpsWith, c.Organisation, c.Region, c.Territory)));

    /// <summary>Keeps a search for the facilitators' « couverture » (with the member, erased with their data).</summary>
    public async Task RecordAsync(long memberId, string topic, int results, Instant now, CancellationToken ct)
    {
        db.Add(new DirectorySearch { MemberId = memberId, Text = CardLimits.Topic(topic), Results = results, At = now });
        await db.SaveChangesAsync(ct);
    }
}
