using NodaTime;

namespace Communaute.Dialogs.Characterisation;

/// <summary>One completed self-assessment, as stored.</summary>
public sealed record CharacterisationResult
{
    public long Id { get; init; }
    public long MemberId { get; init; }
    public required string GridVersion { get; init; }
    public Instant StartedAt { get; init; }
    public Instant CompletedAt { get; init; }

    /// <summary>Answers to the key questions, by key question id.</summary>
    public IReadOnlyDictionary<string, string> KeyAnswers { get; init; } = new Dictionary<string, string>();

    /// <summary>Level 0–3 by criterion id; absent when "je ne sais pas" or skipped.</summary>
    public IReadOnlyDictionary<string, int> Levels { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Criteria passed over (« passer »): not answered at all, which is not the same as « je ne sais pas ». A criterion
    /// without a level and not in this set was answered « je ne sais pas » (results stored before 2026-12 say nothing more).
    /// </summary>
    public IReadOnlySet<string> Skipped { get; init; } = new HashSet<string>();

    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    public string? ChartMediaId { get; init; }
    public string? Pitch { get; init; }

    /// <summary>True when the holder chose to show this result to the facilitators; otherwise private.</summary>
    public bool SharedWithFacilitators { get; init; }
}

/// <summary>Where results, charts and exports are kept (implemented by the bot with EF Core).</summary>
public interface ICharacterisationRepository
{
    Task<long> AddAsync(CharacterisationResult result, CancellationToken cancellationToken);

    /// <summary>The member's results, newest first.</summary>
    Task<IReadOnlyList<CharacterisationResult>> ForMemberAsync(long memberId, int count, CancellationToken cancellationToken);

    Task SetPitchAsync(long resultId, string pitch, CancellationToken cancellationToken);

    Task SetChartAsync(long resultId, string mediaId, CancellationToken cancellationToken);

    /// <summary>Stores a file for the member and returns its id (served at /media/{id}.{extension}).</summary>
    Task<string> AddMediaAsync(long memberId, string contentType, string extension, byte[] content, CancellationToken cancellationToken);

    /// <summary>The absolute URL a card can show.</summary>
    string MediaUrl(string mediaId, string extension);
}
