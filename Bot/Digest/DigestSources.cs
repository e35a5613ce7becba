using Communaute.Bot.Sessions;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>A knowledge entry added or changed since the last digest.</summary>
public sealed record ChangedEntry(string Id, string Title, bool IsNew);

/// <summary>An entry the month's questions were answered from, how many times, and how members rated those answers.</summary>
public sealed record AskedTopic(string EntryId, string Title, int Count, int Useful = 0, int NotUseful = 0);

/// <summary>A question still waiting for an answer (identical wordings counted together).</summary>
public sealed record OpenQuestion(long Id, string Text, int Times);

/// <summary>Anonymised characterisation figures; null when fewer than the minimum group would be shown.</summary>
public sealed record CharacterisationFigures(int CompletedInPeriod, string? CriterionToStrengthen);

/// <summary>The experience directory's month: new published cards, introductions accepted (counts only).</summary>
public sealed record DirectoryFigures(int NewCards, int Introductions);

/// <summary>A session with seats left, what its "Réserver" button says, and where the booking comes from (« digest:3 »).</summary>
public sealed record BookableSession(OpenSessionSummary Session, string BookingValue, string? Source = null);

/// <summary>What happened in the month, as read from the base, the knowledge folder and the sessions.</summary>
public sealed record DigestSources(
    YearMonth Month,
    long DigestId,
    IReadOnlyList<ChangedEntry> ChangedEntries,
    IReadOnlyList<BookableSession> Sessions,
    IReadOnlyList<AskedTopic> Topics,
    IReadOnlyList<OpenQuestion> OpenQuestions,
    CharacterisationFigures? Characterisation,
    DirectoryFigures? Directory = null);
