using Communaute.Bot.Calendar;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>What to do with a date of a series that falls on a public holiday.</summary>
public enum HolidayChoice
{
    /// <summary>Keep the date; the facilitator was warned.</summary>
    Keep,
    /// <summary>No session that month (a count of sessions then reaches further).</summary>
    Skip,
    /// <summary>One week later, or one week earlier when later leaves the month or is a holiday too.</summary>
    Shift,
}

/// <summary>A date of a series: the holiday it falls on (kept), or the date it was moved from.</summary>
public sealed record PlannedDate(LocalDate Date, string? Holiday, LocalDate? MovedFrom, string? MovedFor);

/// <summary>
/// The dates of a series, the same for the preview and the creation: only dates still to come (never a past one,
/// even earlier today), counted after that, holidays of the series' territory warned, skipped or shifted.
/// </summary>
public static class SeriesPlan
{
    public const string ChoiceField = "feries";

    public static HolidayChoice ChoiceOf(IReadOnlyDictionary<string, string> values) =>
        values.TryGetValue(ChoiceField, out var v) ? v switch { "sauter" => HolidayChoice.Skip, "decaler" => HolidayChoice.Shift, _ => HolidayChoice.Keep } : HolidayChoice.Keep;

    public static IReadOnlyList<PlannedDate> Dates(SeriesReading reading, DateTimeZone zone, Instant now, HolidayChoice choice)
    {
        var rule = reading.Rule!;
        var from = reading.From ?? now.InZone(zone).Date;
        var count = Math.Min(reading.Until is null ? reading.Count ?? SeriesPhrase.DefaultCount : reading.Count ?? MonthlyRule.MaxSessions, MonthlyRule.MaxSessions);
        var planned = new List<PlannedDate>();
        var month = new LocalDate(from.Year, from.Month, 1);
        for (var guard = 0; guard < 4 * MonthlyRule.MaxSessions && planned.Count < count; guard++, month = month.PlusMonths(1))
        {
            var date = rule.DateIn(month.Year, month.Month);
            if (reading.Until is { } end && date > end) break;
            if (date < from || rule.At(date, zone) <= now) continue;
            var holiday = FrenchPublicHolidays.WarningFor(date, zone.Id);
            if (holiday is null || choice == HolidayChoice.Keep) { planned.Add(new(date, holiday, null, null)); continue; }
            if (choice == HolidayChoice.Skip) continue;
            var moved = new[] { date.PlusWeeks(1), date.PlusWeeks(-1) }.FirstOrDefault(d =>
                d.Month == date.Month && d >= from && rule.At(d, zone) > now && FrenchPublicHolidays.WarningFor(d, zone.Id) is null);
            planned.Add(moved == default ? new(date, holiday, null, null) : new(moved, null, date, holiday));
        }
        return planned;
    }

    /// <summary>"jeudi 6 mai 2027 (jour férié : Ascension)" or "jeudi 13 mai 2027 (au lieu du 6 mai, Ascension)".</summary>
    public static string Describe(PlannedDate d) =>
        FrenchDates.Date(d.Date)
        + (d.Holiday is { } h ? $" (jour férié : {h})" : "")
        + (d.MovedFrom is { } from ? $" (au lieu du {FrenchDates.Date(from).Split(' ', 2)[1]}, {d.MovedFor})" : "");
}
