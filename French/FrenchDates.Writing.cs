using System.Globalization;
using NodaTime;

namespace Communaute.French;

/// <summary>
/// Dates and times written the French way, one way each: a time is "14h30" (hours on two digits: "09h00"),
/// a day "jeudi 12 mars 2027" ("1er" for the first), a month "mars 2027"; an instant shown to a reader is in the
/// reader's zone with the zone named: "jeudi 12 mars 2027 à 14h30 (heure de Paris)".
/// </summary>
public static partial class FrenchDates
{
    private static readonly string[] Days = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
    private static readonly string[] Months = ["", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>"jeudi".</summary>
    public static string DayName(IsoDayOfWeek day) => Days[(int)day];

    /// <summary>"février" (1–12).</summary>
    public static string MonthName(int month) => Months[month];

    /// <summary>"jeudi 12 mars 2027"; "jeudi 12 mars" without the year.</summary>
    public static string Date(LocalDate d, bool withYear = true) =>
        $"{DayName(d.DayOfWeek)} {DayMonth(d)}" + (withYear ? " " + d.Year.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>"12 mars", "1er avril".</summary>
    public static string DayMonth(LocalDate d) => $"{(d.Day == 1 ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture))} {MonthName(d.Month)}";

    /// <summary>"12 mars 2027".</summary>
    public static string DayMonthYear(LocalDate d) => DayMonth(d) + " " + d.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"jeu. 04/03": a day in a list where space is short.</summary>
    public static string ShortDate(LocalDate d) => string.Create(CultureInfo.InvariantCulture, $"{DayName(d.DayOfWeek)[..3]}. {d.Day:00}/{d.Month:00}");

    /// <summary>"12/03/2027": how a date is filled in a form field (and read back).</summary>
    public static string Numeric(LocalDate d) => string.Create(CultureInfo.InvariantCulture, $"{d.Day:00}/{d.Month:00}/{d.Year:0000}");

    /// <summary>"12/03/2027 14h30": a moment in a compact list.</summary>
    public static string Numeric(LocalDateTime t) => $"{Numeric(t.Date)} {Time(t.TimeOfDay)}";

    /// <summary>"mars 2027".</summary>
    public static string Month(YearMonth month) => $"{MonthName(month.Month)} {month.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"14h00", "09h30".</summary>
    public static string Time(LocalTime t) => string.Create(CultureInfo.InvariantCulture, $"{t.Hour:00}h{t.Minute:00}");

    /// <summary>"jeudi 12 mars 2027 à 14h00".</summary>
    public static string DateTime(LocalDateTime t) => $"{Date(t.Date)} à {Time(t.TimeOfDay)}";

    /// <summary>An instant for a reader: "jeudi 12 mars 2027 à 14h00 (heure de Paris)".</summary>
    public static string At(Instant instant, DateTimeZone reader) =>
        $"{DateTime(instant.InZone(reader).LocalDateTime)} ({ZoneNames.For(reader).TimeOf})";

    /// <summary>
    /// When a session is, for a reader: "jeudi 12 mars 2027, 14h00 heure de Paris" in the session's zone, followed by
    /// the reader's own time when they live elsewhere: "— 09h00 à Pointe-à-Pitre" (with the date when it differs).
    /// </summary>
    public static string SessionWhen(Instant start, DateTimeZone sessionZone, DateTimeZone reader)
    {
        var there = start.InZone(sessionZone).LocalDateTime;
        var text = $"{Date(there.Date)}, {Time(there.TimeOfDay)} {ZoneNames.For(sessionZone).TimeOf}";
        if (reader.Id == sessionZone.Id) return text;
        var here = start.InZone(reader).LocalDateTime;
        var hereText = here.Date == there.Date ? Time(here.TimeOfDay) : $"{Date(here.Date, withYear: here.Date.Year != there.Date.Year)}, {Time(here.TimeOfDay)}";
        return $"{text} — {hereText} {ZoneNames.For(reader).At}";
    }

    /// <summary>A length of time: "1 h 30", "2 h", "45 min".</summary>
    public static string Length(int minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        _ when minutes % 60 == 0 => $"{minutes / 60} h",
        _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00}"),
    };
}
