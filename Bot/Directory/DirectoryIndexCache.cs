using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Communaute.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// The published cards' index, kept in memory by each instance and rebuilt when the cards' stamp (count and sum of
/// versions, one cheap query) changes — a card published, edited, hidden or erased on another instance is seen at the
/// next search. Results are checked against the database anyway before anyone sees them.
/// </summary>
public sealed class DirectoryIndexCache(KnowledgeService knowledge)
{
    private readonly Lazy<DirectoryAnalysis> _analysis = new(() => DirectoryAnalysis.Load(knowledge.Folder));
    private readonly SemaphoreSlim _building = new(1, 1);
    private (long Count, long Versions) _stamp = (-1, -1);
    private DirectoryIndex? _index;

    public DirectoryAnalysis Analysis => _analysis.Value;

    public async Task<DirectoryIndex> GetAsync(BotDbContext db, CancellationToken ct)
    {
        var stamp = await StampAsync(db, ct);
        if (_index is { } current && stamp == _stamp) return current;
        await _building.WaitAsync(ct);
        try
        {
            if (_index is { } built && stamp == _stamp) return built;
            var cards = await db.Set<ExperienceCard>().AsNoTracking()
                .Where(c => c.Status == CardStatus.Published)
                .Join(db.Members.AsNoTracking(), c => c.MemberId, m => m.Id, (c, m) => new CardDocument(
                    c.MemberId, m.DisplayName, c.HelpsWith, c.LooksFor, c.Organisation, c.Region, c.Territory))
                .ToListAsync(ct);
            _index = new DirectoryIndex(Analysis, cards);
            _stamp = stamp;
            return _index;
        }
        finally { _building.Release(); }
    }

    private static async Task<(long, long)> StampAsync(BotDbContext db, CancellationToken ct)
    {
        var cards = db.Set<ExperienceCard>().AsNoTracking();
        var count = await cards.LongCountAsync(ct);
        var versions = count == 0 ? 0 : await cards.SumAsync(c => c.Version, ct);
        return (count, versions);
    }
}
