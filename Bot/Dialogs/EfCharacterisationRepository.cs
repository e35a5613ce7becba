using System.Security.Cryptography;
using System.Text.Json;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Characterisation;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Dialogs;

public sealed class EfCharacterisationRepository(BotDbContext db, TimeProvider clock, SignedLinks links) : ICharacterisationRepository
{
    // Readable accents in the stored JSON (and in the member's data export).
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<long> AddAsync(CharacterisationResult result, CancellationToken cancellationToken)
    {
        var record = new CharacterisationRecord
        {
            MemberId = result.MemberId,
            GridVersion = result.GridVersion,
            StartedAt = result.StartedAt,
            CompletedAt = result.CompletedAt,
            KeyAnswersJson = JsonSerializer.Serialize(result.KeyAnswers, Json),
            LevelsJson = JsonSerializer.Serialize(StoredLevels(result), Json),
            NotesJson = JsonSerializer.Serialize(result.Notes, Json),
            ChartMediaId = result.ChartMediaId,
            Pitch = result.Pitch,
        };
        db.Set<CharacterisationRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    public async Task<IReadOnlyList<CharacterisationResult>> ForMemberAsync(long memberId, int count, CancellationToken cancellationToken)
    {
        var rows = await db.Set<CharacterisationRecord>().AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.CompletedAt).ThenByDescending(c => c.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        return rows.Select(ToResult).ToList();
    }

    public Task SetPitchAsync(long resultId, string pitch, CancellationToken cancellationToken) =>
        db.Set<CharacterisationRecord>().Where(c => c.Id == resultId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Pitch, pitch), cancellationToken);

    public Task SetChartAsync(long resultId, string mediaId, CancellationToken cancellationToken) =>
        db.Set<CharacterisationRecord>().Where(c => c.Id == resultId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ChartMediaId, mediaId), cancellationToken);

    public async Task<string> AddMediaAsync(long memberId, string contentType, string extension, byte[] content, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        db.Set<MediaFile>().Add(new MediaFile
        {
            Id = id, MemberId = memberId, ContentType = contentType, Extension = extension, Content = content, CreatedAt = clock.GetCurrentInstant(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>A signed link to the file, valid <see cref="SignedLinks.MediaLifetime"/> (7 days by default).</summary>
    public string MediaUrl(string mediaId, string extension) => links.Create(MediaEndpoints.PathOf(mediaId, extension), links.MediaLifetime);

    public static CharacterisationResult ToResult(CharacterisationRecord r) => new()
    {
        Id = r.Id,
        MemberId = r.MemberId,
        GridVersion = r.GridVersion,
        StartedAt = r.StartedAt,
        CompletedAt = r.CompletedAt,
        KeyAnswers = ReadMap<string>(r.KeyAnswersJson),
        Levels = ReadMap<int>(r.LevelsJson).Where(l => l.Value >= 0).ToDictionary(),
        Skipped = ReadMap<int>(r.LevelsJson).Where(l => l.Value == SkippedLevel).Select(l => l.Key).ToHashSet(),
        Notes = ReadMap<string>(r.NotesJson),
        ChartMediaId = r.ChartMediaId,
        Pitch = r.Pitch,
        SharedWithFacilitators = r.SharedWithFacilitators,
    };

    /// <summary>
    /// In the stored levels a criterion passed over (« passer ») is -1, so that it stays apart from « je ne sais pas »
    /// (absent); readers of the levels count only 0–3 (statistics, digest).
    /// </summary>
    public const int SkippedLevel = -1;

    private static Dictionary<string, int> StoredLevels(CharacterisationResult result)
    {
        var levels = new Dictionary<string, int>(result.Levels);
        foreach (var id in result.Skipped) levels.TryAdd(id, SkippedLevel);
        return levels;
    }

    private static Dictionary<string, T> ReadMap<T>(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, T>>(json) ?? []; }
        catch (JsonException) { return []; }
    }
}
