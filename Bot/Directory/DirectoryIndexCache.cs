using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Communaute.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// The published cards' index, kept in memory by each instance and rebuilt when the cards' stamp (count and sum of
/// versions) changes. A change made on this instance is seen at the next search; one made on another instance within
/// <see cref="StampCheckEvery"/>. Results are checked against the database before anyone sees them, so a hidden or
/// erased card never shows, even from an index not yet rebuilt.
/// </summary>
public sealed class DirectoryIndexCache(KnowledgeService knowledge)
{
    private readonly Lazy<DirectoryAnalysis> _analysis = new(() => DirectoryAnalysis.Load(knowledge.Folder));
    private readonly SemaphoreSlim _building = new(1, 1);
    private sealed record Built((long Count, long Versions) Stamp, DirectoryIndex Index);

    private volatile Built? _built;
    private volatile bool _changed;
    private long _checkedAt;

    /// <summary>How often the stamp is read when nothing changed on this instance.</summary>
    public static readonly TimeSpan StampCheckEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>A card changed on this instance: the next search reads the stamp.</summary>
    public void Invalidate() => _changed = true;

    public DirectoryAnalysis Analysis => _analysis.Value;

    public async Task<DirectoryIndex> GetAsync(BotDbContext db, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_built is { } fresh && !_changed && now - Interlocked.Read(ref _checkedAt) < StampCheckEvery.TotalMilliseconds) return fresh.Index;
        _changed = false;
        var stamp = await StampAsync(db, ct);
        Interlocked.Exchange(ref _checkedAt, now);
        if (_built is { } current && current.Stamp == stamp) return current.Index;
        await _building.WaitAsync(ct);
        try
        {
            if (_built is { } built && built.Stamp == stamp) return built.Index;
            var cards = await db.Set<ExperienceCard>().AsNoTracking()
                .Where(c => c.Status == CardStatus.Published)
                .Join(db.Members.AsNoTracking(), c => c.MemberId, m => m.Id, (c, m) => new CardDocument(
                    c.MemberId, m.DisplayName, c.HelpsWith, c.LooksFor, c.Organisation, c.Region, c.Territory))
                .ToListAsync(ct);
            var index = new DirectoryIndex(Analysis, cards);
            _built = new Built(stamp, index);
            return index;
        }
        finally { _building.Release(); }
    }

    private static async Task<(long, long)> StampAsync(BotDbContext db, CancellationToken ct)
    {
        var stamp = await StampByModel.GetOrAdd(db.GetType(), _ => CompileStamp())(db, ct);
        return stamp is null ? (0, 0) : (stamp.Count, stamp.Versions);
    }

    private sealed record CardsStamp(long Count, long Versions);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<BotDbContext, CancellationToken, Task<CardsStamp?>>>
        StampByModel = new();

    /// <summary>
    /// Count and sum of versions in one read (compiled once per provider's model: it runs every
    /// <see cref="StampCheckEvery"/> under searches).
    /// </summary>
    private static Func<BotDbContext, CancellationToken, Task<CardsStamp?>> CompileStamp() => EF.CompileAsyncQuery(
        (BotDbContext db, CancellationToken ct) => db.Set<ExperienceCard>().AsNoTracking().GroupBy(c => 1)
            .Select(g => new CardsStamp(g.LongCount(), g.Sum(c => c.Version))).FirstOrDefault());
}
