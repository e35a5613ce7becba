using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>"The 2nd Thursday of every month at 14:00" (<see cref="Ordinal"/> -1 = the last one).</summary>
public sealed record MonthlyRule(int Ordinal, IsoDayOfWeek Day, LocalTime Time)
{
    public const int MaxSessions = 24;

    /// <summary>"le 2e jeudi de chaque mois à 14h00".</summary>
    public string Describe() => $"le {OrdinalText(Ordinal)} {FrenchDates.DayName(Day)} de chaque mois à {FrenchDates.Time(Time)}";

    public static string OrdinalText(int ordinal) => ordinal switch
    {
        1 => "1er",
        -1 => "dernier",
        _ => $"{ordinal}e",
    };

    /// <summary>The day of this rule in a month.</summary>
    public LocalDate DateIn(int year, int month)
    {
        if (Ordinal == -1)
        {
            var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
            while (last.DayOfWeek != Day) last = last.PlusDays(-1);
            return last;
        }
        var first = new LocalDate(year, month, 1);
        while (first.DayOfWeek != Day) first = first.PlusDays(1);
        return first.PlusWeeks(Ordinal - 1);
    }

    /// <summary>
    /// The sessions' local dates from <paramref name="from"/> (included), until <paramref name="until"/> (included)
    /// or <paramref name="count"/> sessions, at most <see cref="MaxSessions"/>.
    /// </summary>
    public IReadOnlyList<LocalDate> Dates(LocalDate from, LocalDate? until, int? count)
    {
        var dates = new List<LocalDate>();
        var month = new LocalDate(from.Year, from.Month, 1);
        while (dates.Count < (count ?? MaxSessions + 1) && dates.Count <= MaxSessions)
        {
            var date = DateIn(month.Year, month.Month);
            if (until is { } end && date > end) break;
            if (date >= from) dates.Add(date);
            month = month.PlusMonths(1);
        }
        return dates;
    }

    /// <summary>The instant of a session on that date in the zone (a time skipped by a clock change moves forward).</summary>
    public Instant At(LocalDate date, DateTimeZone zone) => date.At(Time).InZoneLeniently(zone).ToInstant();
}
