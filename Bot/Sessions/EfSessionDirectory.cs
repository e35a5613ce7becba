using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions;

/// <summary>What the digest may ask of sessions, from the database.</summary>
public sealed partial class EfSessionDirectory(BotDbContext db) : ISessionDirectory
{
    public async Task<IReadOnlyList<OpenSessionSummary>> UpcomingWithOpenSeatsAsync(Instant from, Instant to, CancellationToken ct)
    {
        var rows = await db.Set<CoDevSession>().AsNoTracking()
            .Where(s => s.Status == SessionStatus.Open && s.Start >= from && s.Start < to && s.Taken < s.CapacityMax)
            .OrderBy(s => s.Start).ThenBy(s => s.Id)
            .ToListAsync(ct);
        return rows.Where(s => from < s.BookingDeadline)
            .Select(s => new OpenSessionSummary(s.Id, s.Title, s.Theme, s.Start, Duration.FromMinutes(s.DurationMinutes),
                DateTimeZoneProviders.Tzdb.GetZoneOrNull(s.ZoneId) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"], s.SeatsLeft, s.CapacityMax, FrenchNames.Named(s.FacilitatorName)))
            .ToList();
    }

    public string BookingChoiceValue(long sessionId, string? source = null)
    {
        var value = string.Create(CultureInfo.InvariantCulture, $"réserver {sessionId}");
        if (string.IsNullOrWhiteSpace(source)) return value;
        if (!SourcePattern().IsMatch(source)) throw new ArgumentException("Une source est faite de lettres, chiffres et « : _ . - » (100 au plus).", nameof(source));
        return $"{value} via {source}";
    }

    public Task<int> CountBookingsFromAsync(string source, Instant since, CancellationToken ct) =>
        db.Set<Booking>().CountAsync(b => b.Source == source && b.BookedAt >= since, ct);

    [GeneratedRegex(@"^[A-Za-z0-9:_.\-]{1,100}\z")]
    public static partial Regex SourcePattern();
}
