using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Communaute.Bot.Dialogs;
using Communaute.Bot.Ratings;
using Communaute.Bot.Sessions;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Conversation;
using Communaute.Knowledge;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// Reads the month's sources: the knowledge folder (compared with the snapshot the previous digest kept), the answer
/// audit, the unanswered questions, the characterisations and — when the sessions capability is there — open sessions.
/// </summary>
public sealed class DigestSourceReader(BotDbContext db, KnowledgeService knowledge, IServiceProvider services)
{
    /// <summary>Sessions starting within this time after the posting are announced.</summary>
    public static readonly Duration SessionHorizon = Duration.FromDays(45);

    /// <summary>The sessions capability, when it is registered (the digest works without it).</summary>
    public ISessionDirectory? Sessions => services.GetService<ISessionDirectory>();

    public Dictionary<string, string> KnowledgeSnapshot() =>
        knowledge.Current.Entries.ToDictionary(e => e.Id, e => Hash(e.Title + "\n" + e.Section + "\n" + e.Body));

    public async Task<DigestSources> ReadAsync(DigestRecord digest, Dictionary<string, string> snapshot, CancellationToken ct)
    {
        var month = DigestCalendar.ParsePeriod(digest.Period)!.Value;
        var (from, to) = (digest.CoversFrom, digest.CreatedAt);
        return new DigestSources(
            month,
            digest.Id,
            await ChangedEntriesAsync(digest, snapshot, ct),
            await SessionsAsync(digest, ct),
            await TopicsAsync(from, to, ct),
            await OpenQuestionsAsync(from, to, ct),
            await CharacterisationAsync(from, to, ct),
            services.GetService<ExperienceDirectory.DirectoryDigestFigures>() is { } directory ? await directory.ReadAsync(from, to, ct) : null);
    }

    private async Task<List<ChangedEntry>> ChangedEntriesAsync(DigestRecord digest, Dictionary<string, string> snapshot, CancellationToken ct)
    {
        // The previous digest's snapshot is the baseline; the very first digest only records one.
        var previousJson = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => d.Id < digest.Id)
            .OrderByDescending(d => d.Id)
            .Select(d => d.KnowledgeSnapshotJson)
            .FirstOrDefaultAsync(ct);
        if (previousJson is null) return [];
        Dictionary<string, string> previous;
        try { previous = JsonSerializer.Deserialize<Dictionary<string, string>>(previousJson) ?? []; }
        catch (JsonException) { previous = []; }
        var changed = new List<ChangedEntry>();
        foreach (var entry in knowledge.Current.Entries)
        {
            if (!previous.TryGetValue(entry.Id, out var hash)) changed.Add(new ChangedEntry(entry.Id, entry.Title, true));
            else if (hash != snapshot[entry.Id]) changed.Add(new ChangedEntry(entry.Id, entry.Title, false));
        }
        return changed;
    }

    private Task<List<BookableSession>> SessionsAsync(DigestRecord digest, CancellationToken ct) => SessionsAsync(digest, digest.ScheduledAt, ct);

    /// <summary>Sessions with seats left starting from <paramref name="from"/> (the posting, or now when refreshed later).</summary>
    public async Task<List<BookableSession>> SessionsAsync(DigestRecord digest, Instant from, CancellationToken ct)
    {
        if (Sessions is not { } directory) return [];
        var open = await directory.UpcomingWithOpenSeatsAsync(from, from + SessionHorizon, ct);
        var source = DigestEngagement.Source(digest.Id);
        return open.Select(s => new BookableSession(s, directory.BookingChoiceValue(s.SessionId, source), source)).ToList();
    }

    private async Task<List<AskedTopic>> TopicsAsync(Instant from, Instant to, CancellationToken ct)
    {
        var sources = await db.AnswerAudits.AsNoTracking()
            .Where(a => a.At > from && a.At <= to && a.Outcome == "answer" && a.Sources != "")
            .Select(a => a.Sources)
            .ToListAsync(ct);
        // How members rated the answers of the period, per fiche (when ratings are registered).
        var ratings = services.GetService<RatingCounts>() is { } counts ? await counts.PerFicheAsync(from, to, ct) : new Dictionary<string, FicheRating>();
        return sources
            .Select(s => s.Split(',', 2)[0])
            .GroupBy(id => id)
            .Select(g => (Entry: knowledge.Find(g.Key), Count: g.Count()))
            .Where(x => x.Entry is not null && x.Count >= 2)
            .OrderByDescending(x => x.Count).ThenBy(x => x.Entry!.Title, StringComparer.Ordinal)
            .Take(DigestDraftBuilder.MaxTopics)
            .Select(x => ratings.TryGetValue(x.Entry!.Id, out var r)
                ? new AskedTopic(x.Entry.Id, x.Entry.Title, x.Count, r.Useful, r.NotUseful)
                : new AskedTopic(x.Entry.Id, x.Entry.Title, x.Count))
            .ToList();
    }

    private async Task<List<OpenQuestion>> OpenQuestionsAsync(Instant from, Instant to, CancellationToken ct)
    {
        var open = await db.UnansweredQuestions.AsNoTracking()
            .Where(q => q.AskedAt > from && q.AskedAt <= to
                        && (q.Status == UnansweredStatus.Open || q.Status == UnansweredStatus.Forwarded))
            .Select(q => new { q.Id, q.Text, q.AskedAt })
            .ToListAsync(ct);
        return open
            .GroupBy(q => TextMatching.Fold(q.Text))
            .Where(g => g.Key.Length > 0)
            .Select(g => (Latest: g.OrderByDescending(q => q.AskedAt).ThenByDescending(q => q.Id).First(), Times: g.Count()))
            .OrderByDescending(x => x.Times).ThenByDescending(x => x.Latest.AskedAt)
            .Take(DigestDraftBuilder.MaxQuestions)
            .Select(x => new OpenQuestion(x.Latest.Id, x.Latest.Text, x.Times))
            .ToList();
    }

    private async Task<CharacterisationFigures?> CharacterisationAsync(Instant from, Instant to, CancellationToken ct)
    {
        var inPeriod = await db.Set<CharacterisationRecord>().AsNoTracking().CountAsync(c => c.CompletedAt > from && c.CompletedAt <= to, ct);
        if (inPeriod < CharacterisationStatistics.MinimumGroup) return null;
        var latest = (await db.Set<CharacterisationRecord>().AsNoTracking()
                .Select(c => new { c.MemberId, c.CompletedAt, c.Id, c.LevelsJson }).ToListAsync(ct))
            .GroupBy(c => c.MemberId)
            .Select(g => g.OrderByDescending(c => c.CompletedAt).ThenByDescending(c => c.Id).First().LevelsJson)
            .Select(Levels)
            .ToList();
        string? weakest = null;
        if (latest.Count >= CharacterisationStatistics.MinimumGroup)
        {
            var grid = Grid.Current;
            weakest = grid.Criteria
                .Select(c => (c.Name, Values: latest.Where(l => l.ContainsKey(c.Id) && l[c.Id] >= 0).Select(l => l[c.Id]).ToList()))
                .Where(x => x.Values.Count >= CharacterisationStatistics.MinimumGroup)
                .OrderBy(x => x.Values.Average()).ThenBy(x => x.Name, StringComparer.Ordinal)
                .Select(x => x.Name)
                .FirstOrDefault();
        }
        return new CharacterisationFigures(inPeriod, weakest);
    }

    private static Dictionary<string, int> Levels(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
