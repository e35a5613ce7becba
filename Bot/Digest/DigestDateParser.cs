using System.Text.RegularExpressions;
using Communaute.Dialogs.Conversation;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// Reads the date a facilitator types after « reporter à » in their zone: "12/01", "12/01/2027 14h30",
/// "12 janvier 10h", "lundi", "demain 14:00", "mardi prochain à 9h". Without an hour: 09:00.
/// </summary>
public static partial class DigestDateParser
{
    private static readonly string[] Months = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];
    private static readonly string[] Days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public static Instant? Parse(string text, Instant now, DateTimeZone zone)
    {
        var folded = TextMatching.Fold(text.Replace(':', 'h').Replace('/', ' '));
        var today = now.InZone(zone).Date;
        var time = new LocalTime(9, 0);
        var timeMatch = Hour().Match(folded);
        if (timeMatch.Success)
        {
            var h = int.Parse(timeMatch.Groups[1].Value);
            var min = timeMatch.Groups[2].Success ? int.Parse(timeMatch.Groups[2].Value) : 0;
            if (h > 23 || min > 59) return null;
            time = new LocalTime(h, min);
            folded = folded.Remove(timeMatch.Index, timeMatch.Length);
        }
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("a" or "au" or "le" or "prochain" or "prochaine")).ToList();
        LocalDate? date = null;
        if (words.Count == 0 && timeMatch.Success) date = today;
        else if (words.Contains("apres") && words.Contains("demain")) date = today.PlusDays(2);
        else if (words.Contains("demain")) date = today.PlusDays(1);
        else if (words is [var dd, var mm, ..] && int.TryParse(dd, out var day) && int.TryParse(mm, out var month))
            date = MakeDate(words.Count > 2 && int.TryParse(words[2], out var y) ? y : null, month, day, today);
        else if (words.FindIndex(w => Array.IndexOf(Months, w) >= 0) is var mi and >= 1 && int.TryParse(words[mi - 1], out var d2))
            date = MakeDate(words.Count > mi + 1 && int.TryParse(words[mi + 1], out var y2) ? y2 : null, Array.IndexOf(Months, words[mi]) + 1, d2, today);
        else if (words.Count == 1 && Array.IndexOf(Days, words[0]) is var di and >= 0)
        {
            var target = (IsoDayOfWeek)(di + 1);
            date = today.Next(target);
        }
        if (date is not { } d) return null;
        return (d + time).InZoneLeniently(zone).ToInstant();
    }

    private static LocalDate? MakeDate(int? year, int month, int day, LocalDate today)
    {
        if (month is < 1 or > 12 || day < 1) return null;
        var y = year is { } given ? (given < 100 ? 2000 + given : given) : today.Year;
        if (day > NodaTime.CalendarSystem.Iso.GetDaysInMonth(y, month)) return null;
        var date = new LocalDate(y, month, day);
        // "12/01" typed in December means next January.
        if (year is null && date < today) date = date.PlusYears(1);
        return date;
    }

    [GeneratedRegex(@"\b(\d{1,2}) ?h ?(\d{2})?\b")]
    private static partial Regex Hour();
}
