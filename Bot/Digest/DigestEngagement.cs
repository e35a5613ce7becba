using System.Globalization;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Digest;

/// <summary>What a posted digest led to: bookings from its buttons and answers proposed to its questions.</summary>
public sealed record DigestClicks(int Bookings, int ProposedAnswers)
{
    public string Sentence(string monthName) => Bookings == 0 && ProposedAnswers == 0
        ? $"Le digest de {monthName} n'a amené ni réservation ni réponse proposée."
        : $"Le digest de {monthName} a amené {Count(Bookings, "réservation", "réservations")} et {Count(ProposedAnswers, "réponse proposée", "réponses proposées")}.";

    private static string Count(int n, string one, string many) => n.ToString(CultureInfo.GetCultureInfo("fr-FR")) + " " + (n <= 1 ? one : many);
}

public sealed class DigestEngagement(BotDbContext db, DigestSourceReader sources)
{
    /// <summary>The source recorded with a booking made from a digest's button.</summary>
    public static string Source(long digestId) => $"digest:{digestId}";

    public async Task<DigestClicks> CountAsync(DigestRecord digest, CancellationToken ct)
    {
        var bookings = sources.Sessions is { } directory
            ? await directory.CountBookingsFromAsync(Source(digest.Id), digest.CreatedAt, ct)
            : 0;
        var proposals = await db.Set<AnswerProposal>().CountAsync(p => p.DigestId == digest.Id, ct);
        return new DigestClicks(bookings, proposals);
    }

    /// <summary>The line shown with a new draft: what the last posted digest before it brought.</summary>
    public async Task<string?> PreviousSentenceAsync(DigestRecord draft, CancellationToken ct)
    {
        var previous = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => d.Id < draft.Id && d.Status == DigestStatus.Posted)
            .OrderByDescending(d => d.Id)
            .FirstOrDefaultAsync(ct);
        if (previous is null) return null;
        var clicks = await CountAsync(previous, ct);
        return clicks.Sentence(FrenchDates.Month(DigestCalendar.ParsePeriod(previous.Period)!.Value));
    }
}
