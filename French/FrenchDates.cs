using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Communaute.French;

/// <summary>A date found in what someone typed and where it was, or why it cannot be a date (« Le 31 février n'existe pas. »).</summary>
public sealed record DateFound(LocalDate? Date, string? Error, int Index, int Length);

public sealed record TimeFound(LocalTime Time, int Index, int Length);

/// <summary>A day and a time read together (« demain 14h », « 12/01 »), or why they cannot be.</summary>
public sealed record MomentFound(LocalDateTime? Value, string? Error);

/// <summary>
/// French dates read and written, the one place for them. Reading: "12/03/2027", "12 mars 2027", "jeudi 12 mars",
/// "1er avril", "2027-03-12", "demain", "après-demain", "lundi (prochain)"; "14h", "14h30", "9 h 30", "14:30", "midi";
/// "mars 2027". An impossible date ("31 février") is reported with its reason, never moved to another day.
/// Writing: see FrenchDates.Writing.cs.
/// </summary>
public static partial class FrenchDates
{
    /// <summary>Month and day names folded (no accents), as typed text is matched; in calendar order.</summary>
    public const string MonthPattern = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre";
    public const string DayPattern = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";

    private static readonly string[] FoldedMonths = ["", .. MonthPattern.Split('|')];
    private static readonly string[] FoldedDays = ["", .. DayPattern.Split('|')];

    /// <summary>1–12 for a month name typed ("fevrier", "Février"), 0 otherwise.</summary>
    public static int MonthNumber(string word) => Math.Max(0, Array.IndexOf(FoldedMonths, Folding.Fold(word.Trim())));

    /// <summary>The day of the week a name typed means ("Jeudi", "jeudis"), or null.</summary>
    public static IsoDayOfWeek? DayOfWeek(string word)
    {
        var folded = Folding.Fold(word.Trim());
        var i = Array.IndexOf(FoldedDays, folded.EndsWith('s') ? folded[..^1] : folded);
        return i > 0 ? (IsoDayOfWeek)i : null;
    }

    /// <summary>True when the text names a month (« en mars », « Février »).</summary>
    public static bool MentionsMonth(string text) => MonthOnly().IsMatch(Folding.Fold(text));

    /// <summary>The first date in the text; a date without a year is the next one on or after <paramref name="today"/>.</summary>
    public static DateFound? FindDate(string text, LocalDate today)
    {
        var folded = Folding.FoldKeepingPositions(text);
        var candidates = new List<DateFound>();
        if (IsoDate().Match(folded) is { Success: true } iso)
            candidates.Add(Build(Int(iso.Groups[3]), Int(iso.Groups[2]), Int(iso.Groups[1]), null, today, iso));
        if (NumericDate().Match(folded) is { Success: true } num)
            candidates.Add(Build(Int(num.Groups[1]), Int(num.Groups[2]), num.Groups[3].Success ? Int(num.Groups[3]) : null, null, today, num));
        if (WordDate().Match(folded) is { Success: true } word)
        {
            var day = word.Groups[2].Value == "1er" ? 1 : Int(word.Groups[2]);
            var month = Array.IndexOf(FoldedMonths, word.Groups[3].Value);
            var weekday = word.Groups[1].Success ? Array.IndexOf(FoldedDays, word.Groups[1].Value) : (int?)null;
            candidates.Add(Build(day, month, word.Groups[4].Success ? Int(word.Groups[4]) : null, weekday, today, word));
        }
        return candidates.OrderBy(c => c.Index).FirstOrDefault();
    }

    /// <summary>
    /// A day as people name it: a date (<see cref="FindDate"/>), or relative to today: "aujourd'hui", "demain",
    /// "après-demain", a day of the week alone ("lundi", "mardi prochain": the next one after today).
    /// </summary>
    public static DateFound? FindDay(string text, LocalDate today)
    {
        if (FindDate(text, today) is { } date) return date;
        var folded = Folding.FoldKeepingPositions(text);
        if (RelativeDay().Match(folded) is not { Success: true } m) return null;
        var day = m.Groups["after"].Success ? today.PlusDays(2)
            : m.Groups["tomorrow"].Success ? today.PlusDays(1)
            : m.Groups["today"].Success ? today
            : today.Next((IsoDayOfWeek)Array.IndexOf(FoldedDays, m.Groups["weekday"].Value));
        return new DateFound(day, null, m.Index, m.Length);
    }

    /// <summary>
    /// A day and a time: "12/01 14h", "demain 16h", "lundi prochain à 11h", "15h" (today). Without a time,
    /// <paramref name="defaultTime"/>. Null when the text names neither.
    /// </summary>
    public static MomentFound? FindMoment(string text, LocalDate today, LocalTime defaultTime)
    {
        var time = FindTime(text);
        var rest = time is null ? text : text.Remove(time.Index, time.Length);
        var day = FindDay(rest, today);
        if (day?.Error is { } error) return new MomentFound(null, error);
        if (day?.Date is { } d) return new MomentFound(d + (time?.Time ?? defaultTime), null);
        if (time is not null && OnlyLinkingWords().IsMatch(Folding.Fold(rest))) return new MomentFound(today + time.Time, null);
        if (BadTime().Match(Folding.Fold(text)) is { Success: true } bad)
            return new MomentFound(null, $"« {bad.Value.Trim()} » n'est pas une heure : de 0h à 23h59.");
        return null;
    }

    /// <summary>A month and year ("juin 2027", "en juin"): the last day of that month, for "jusqu'en juin 2027".</summary>
    public static DateFound? FindMonth(string text, LocalDate today)
    {
        var m = MonthOnly().Match(Folding.FoldKeepingPositions(text));
        if (!m.Success) return null;
        var month = Array.IndexOf(FoldedMonths, m.Groups[1].Value);
        var year = m.Groups[2].Success ? Int(m.Groups[2]) : (month >= today.Month ? today.Year : today.Year + 1);
        var first = new LocalDate(year, month, 1);
        return new DateFound(first.PlusMonths(1).PlusDays(-1), null, m.Index, m.Length);
    }

    /// <summary>
    /// A month named at the start of the text, with or without its year: "mars" → (3, null), "mars 2026" → (3, 2026).
    /// Null when the text does not start with a month.
    /// </summary>
    public static (int Month, int? Year)? ReadMonth(string text)
    {
        var words = Folding.FoldWords(text).Split(' ');
        var month = Array.IndexOf(FoldedMonths, words[0]);
        if (month <= 0) return null;
        int? year = words.Length > 1 && int.TryParse(words[1], CultureInfo.InvariantCulture, out var y) && y is > 2000 and < 3000 ? y : null;
        return (month, year);
    }

    /// <summary>The first time of day in the text.</summary>
    public static TimeFound? FindTime(string text)
    {
        var folded = Folding.FoldKeepingPositions(text);
        var m = TimeOfDay().Match(folded);
        if (m.Success)
        {
            if (m.Groups["midi"].Success) return new TimeFound(new LocalTime(12, 0), m.Index, m.Length);
            var hour = Int(m.Groups["h"]);
            var minute = m.Groups["m"].Success ? Int(m.Groups["m"]) : 0;
            if (hour is >= 0 and <= 23 && minute is >= 0 and <= 59) return new TimeFound(new LocalTime(hour, minute), m.Index, m.Length);
        }
        return null;
    }

    private static DateFound Build(int day, int month, int? year, int? weekday, LocalDate today, Match where)
    {
        if (month is < 1 or > 12) return new DateFound(null, $"« {where.Value.Trim()} » n'est pas une date : le mois doit être entre 1 et 12.", where.Index, where.Length);
        var monthName = MonthName(month);
        if (year is { } y && y < 100) year = 2000 + y;
        if (year is { } checkYear && (checkYear < 2000 || checkYear > 2100))
            return new DateFound(null, $"L'année {checkYear} n'est pas acceptée.", where.Index, where.Length);
        var probeYear = year ?? today.Year;
        if (day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year ?? (month == 2 && day == 29 ? NextLeapYear(today) : probeYear), month))
            return new DateFound(null, $"Le {day} {monthName}{(year is null ? "" : " " + year)} n'existe pas.", where.Index, where.Length);
        LocalDate date;
        if (year is { } known) date = new LocalDate(known, month, day);
        else
        {
            var candidate = TryDate(today.Year, month, day) ?? TryDate(today.Year + 1, month, day);
            if (candidate is { } c && c < today) candidate = TryDate(today.Year + 1, month, day) ?? TryDate(NextLeapYear(today), month, day);
            date = candidate ?? new LocalDate(NextLeapYear(today), month, day);
        }
        if (weekday is { } wd && (int)date.DayOfWeek != wd)
            return new DateFound(null, $"Le {DayMonthYear(date)} est un {DayName(date.DayOfWeek)}, pas un {DayName((IsoDayOfWeek)wd)}.", where.Index, where.Length);
        return new DateFound(date, null, where.Index, where.Length);
    }

    private static LocalDate? TryDate(int year, int month, int day) =>
        day <= CalendarSystem.Iso.GetDaysInMonth(year, month) ? new LocalDate(year, month, day) : null;

    private static int NextLeapYear(LocalDate today)
    {
        var y = today.Year;
        while (!CalendarSystem.Iso.IsLeapYear(y) || new LocalDate(y, 2, 29) < today) y++;
        return y;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d/.\-])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/.])")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:(" + DayPattern + @")\s+)?(1er|\d{1,2})\s+(" + MonthPattern + @")(?:\s+(\d{4,9}))?\b")]
    private static partial Regex WordDate();

    [GeneratedRegex(@"\b(" + MonthPattern + @")(?:\s+(\d{4}))?\b")]
    private static partial Regex MonthOnly();

    [GeneratedRegex(@"(?<midi>\bmidi\b)|(?<![\d/.:])(?<h>\d{1,2})\s*(?:h|heures?\b|:)\s*(?<m>\d{2})?(?![\d/])")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"\b(?<![\d/.:])\d{1,3}\s*(?:h|:)\s*(?:\d{2})?(?![\d/])")]
    private static partial Regex BadTime();

    [GeneratedRegex(@"(?<after>\bapres[\s\-]demain\b)|(?<tomorrow>\bdemain\b)|(?<today>\baujourd'hui\b)|\b(?<weekday>" + DayPattern + @")\b")]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"^\W*(?:(?:a|au|le|aujourd'hui)\W*)*$")]
    private static partial Regex OnlyLinkingWords();
}
