using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Ratings;

/// <summary>How members rated the answers drawn from one fiche.</summary>
public sealed record FicheRating(string EntryId, int Useful, int NotUseful)
{
    public int Total => Useful + NotUseful;
}

/// <summary>
/// Ratings counted per fiche — the fiche an answer comes from (the first cited; for close fiches, the first offered) —,
/// for the digest's « sujets les plus demandés » and for calibration (<c>eval --calibrate</c>). Anonymised ratings
/// (of members who erased their data) still count: nobody is behind them any more.
/// </summary>
public sealed class RatingCounts(BotDbContext db)
{
    /// <summary>Counts per fiche id, for ratings given in (from, to] (the whole history when both are null).</summary>
    public async Task<IReadOnlyDictionary<string, FicheRating>> PerFicheAsync(Instant? from = null, Instant? to = null, CancellationToken ct = default)
    {
        var ratings = db.Set<AnswerRating>().AsNoTracking();
        if (from is { } f) ratings = ratings.Where(r => r.RatedAt > f);
        if (to is { } t) ratings = ratings.Where(r => r.RatedAt <= t);
        var rows = await ratings.Join(db.Set<GivenAnswer>(), r => r.AnswerId, a => a.Id, (r, a) => new { a.EntryIds, r.Useful }).ToListAsync(ct);
        return rows
            .Select(r => (Entry: r.EntryIds.Split(',', 2)[0], r.Useful))
            .Where(r => r.Entry.Length > 0)
            .GroupBy(r => r.Entry, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new FicheRating(g.Key, g.Count(r => r.Useful), g.Count(r => !r.Useful)), StringComparer.Ordinal);
    }
}
