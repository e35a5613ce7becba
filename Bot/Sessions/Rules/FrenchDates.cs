using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>A date or time found in what someone typed, where it was, or why it cannot be a date.</summary>
public sealed record DateFound(LocalDate? Date, string? Error, int Index, int Length);

public sealed record TimeFound(LocalTime Time, int Index, int Length);

/// <summary>
/// Reads dates and times typed in French: "12/03/2027", "12 mars 2027", "jeudi 12 mars", "1er avril", "2027-03-12";
/// "14h", "14h30", "9 h 30", "14:30", "midi". An impossible date ("31 février") is reported, never moved to another day.
/// </summary>
public static partial class FrenchDates
{
    private static readonly string[] MonthWords = ["", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];
    private static readonly string[] DayWords = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    /// <summary>Lower case without accents, one character for one: indices match the original text.</summary>
    public static string FoldKeepingPositions(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                sb.Append(c); // half of an emoji: nothing to fold, and it cannot be normalised on its own
                continue;
            }
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var b = decomposed.Length > 0 && decomposed.Length <= 2 ? decomposed[0] : c;
            sb.Append(char.ToLowerInvariant(b == '’' ? '\'' : b));
        }
        return sb.ToString();
    }

    /// <summary>The first date in the text; a date without a year is the next one on or after <paramref name="today"/>.</summary>
    public static DateFound? FindDate(string text, LocalDate today)
    {
        var folded = FoldKeepingPositions(text);
        var candidates = new List<DateFound>();
        if (IsoDate().Match(folded) is { Success: true } iso)
            candidates.Add(Build(Int(iso.Groups[3]), Int(iso.Groups[2]), Int(iso.Groups[1]), null, today, iso));
        if (NumericDate().Match(folded) is { Success: true } num)
            candidates.Add(Build(Int(num.Groups[1]), Int(num.Groups[2]), num.Groups[3].Success ? Int(num.Groups[3]) : null, null, today, num));
        if (WordDate().Match(folded) is { Success: true } word)
        {
            var day = word.Groups[2].Value == "1er" ? 1 : Int(word.Groups[2]);
            var month = Array.IndexOf(MonthWords, word.Groups[3].Value);
            var weekday = word.Groups[1].Success ? Array.IndexOf(DayWords, word.Groups[1].Value) : (int?)null;
            candidates.Add(Build(day, month, word.Groups[4].Success ? Int(word.Groups[4]) : null, weekday, today, word));
        }
        return candidates.OrderBy(c => c.Index).FirstOrDefault();
    }

    /// <summary>A month and year ("juin 2027", "en juin"): the last day of that month, for "jusqu'en juin 2027".</summary>
    public static DateFound? FindMonth(string text, LocalDate today)
    {
        var m = MonthOnly().Match(FoldKeepingPositions(text));
        if (!m.Success) return null;
        var month = Array.IndexOf(MonthWords, m.Groups[1].Value);
        var year = m.Groups[2].Success ? Int(m.Groups[2]) : (month >= today.Month ? today.Year : today.Year + 1);
        var first = new LocalDate(year, month, 1);
        return new DateFound(first.PlusMonths(1).PlusDays(-1), null, m.Index, m.Length);
    }

    /// <summary>The first time of day in the text.</summary>
    public static TimeFound? FindTime(string text)
    {
        var folded = FoldKeepingPositions(text);
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
        var monthName = FrenchTime.Months[month];
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
            return new DateFound(null, $"Le {FrenchTime.Date(date).Split(' ', 2)[1]} est un {FrenchTime.Days[(int)date.DayOfWeek]}, pas un {FrenchTime.Days[wd]}.", where.Index, where.Length);
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

    [GeneratedRegex(@"\b(?:(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(1er|\d{1,2})\s+(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?:\s+(\d{4,9}))?\b")]
    private static partial Regex WordDate();

    [GeneratedRegex(@"\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?:\s+(\d{4}))?\b")]
    private static partial Regex MonthOnly();

    [GeneratedRegex(@"(?<midi>\bmidi\b)|(?<![\d/.:])(?<h>\d{1,2})\s*(?:h|heures?\b|:)\s*(?<m>\d{2})?(?![\d/])")]
    private static partial Regex TimeOfDay();
}
