using System.Text.RegularExpressions;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>What the bot read in a series phrase: the rule when complete, what it understood, what is missing.</summary>
public sealed record SeriesReading(
    MonthlyRule? Rule,
    LocalDate? From,
    LocalDate? Until,
    int? Count,
    IReadOnlyList<string> Understood,
    IReadOnlyList<string> Problems)
{
    public bool IsComplete => Rule is not null && Problems.Count == 0;

    /// <summary>"J'ai compris : … Il me manque : …" — what to say when the phrase could not be read.</summary>
    public string Explain() =>
        (Understood.Count == 0 ? "Je n'ai rien reconnu dans cette phrase." : "J'ai compris : " + string.Join(" ; ", Understood) + ".")
        + " " + string.Join(" ", Problems)
        + " Exemples : « le 2e jeudi de chaque mois à 14h », « chaque premier mardi à 9h30 jusqu'au 30 juin 2027 », « le dernier vendredi du mois à 10h, 6 sessions ».";
}

/// <summary>
/// Reads a monthly series as people say it: "le 2e jeudi de chaque mois à 14h", "chaque premier mardi à 9h30",
/// "le dernier vendredi du mois à 10h", with "à partir du 12 janvier 2027", "jusqu'au 30 juin 2027", "jusqu'en juin",
/// "6 sessions" or "pendant 6 mois".
/// </summary>
public static partial class SeriesPhrase
{
    /// <summary>Longest phrase read (the form's field holds no more).</summary>
    public const int MaxLength = 300;

    public const int DefaultCount = 6;

    public static SeriesReading Read(string phrase, LocalDate today)
    {
        var text = Folding.FoldKeepingPositions(phrase);
        var understood = new List<string>();
        var problems = new List<string>();

        LocalDate? from = null, until = null;
        int? count = null;
        if (FromClause().Match(text) is { Success: true } fromMatch)
        {
            var found = FrenchDates.FindDate(phrase.Substring(fromMatch.Index, fromMatch.Length), today);
            if (found?.Error is { } error) problems.Add(error);
            else if (found?.Date is { } d) { from = d; understood.Add("à partir du " + FrenchDates.Date(d)); }
            text = Blank(text, fromMatch);
        }
        else if (FromMonthClause().Match(text) is { Success: true } fromMonth)
        {
            // « à partir de mars 2027 »: the first of that month (today when it is this month).
            var found = FrenchDates.FindMonth(phrase.Substring(fromMonth.Index, fromMonth.Length), today);
            if (found?.Date is { } last)
            {
                var first = new LocalDate(last.Year, last.Month, 1);
                from = first < today && first.Year == today.Year && first.Month == today.Month ? today : first;
                understood.Add("à partir de " + FrenchDates.Month(last.ToYearMonth()));
            }
            text = Blank(text, fromMonth);
        }
        if (UntilClause().Match(text) is { Success: true } untilMatch)
        {
            var piece = phrase.Substring(untilMatch.Index, untilMatch.Length);
            var found = FrenchDates.FindDate(piece, today) ?? FrenchDates.FindMonth(piece, today);
            if (found?.Error is { } error) problems.Add(error);
            else if (found?.Date is { } d) { until = d; understood.Add("jusqu'au " + FrenchDates.Date(d)); }
            text = Blank(text, untilMatch);
        }
        if (CountClause().Match(text) is { Success: true } countMatch)
        {
            count = int.Parse(countMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            understood.Add($"{count} sessions");
            text = Blank(text, countMatch);
        }
        else if (MonthsClause().Match(text) is { Success: true } monthsMatch)
        {
            count = int.Parse(monthsMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            understood.Add($"pendant {count} mois");
            text = Blank(text, monthsMatch);
        }
        if (count is < 1 or > MonthlyRule.MaxSessions)
        {
            problems.Add($"Une série compte de 1 à {MonthlyRule.MaxSessions} sessions.");
            count = null;
        }

        IsoDayOfWeek? day = null;
        if (Weekday().Match(text) is { Success: true } dayMatch)
        {
            day = FrenchDates.DayOfWeek(dayMatch.Groups[1].Value);
            understood.Add("le " + FrenchDates.DayName(day!.Value));
        }
        int? ordinal = null;
        if (Ordinal().Match(text) is { Success: true } ordinalMatch)
        {
            ordinal = ordinalMatch.Groups[1].Value switch
            {
                "1er" or "1re" or "1ere" or "1e" or "premier" or "premiere" => 1,
                "2e" or "2eme" or "2nd" or "2nde" or "deuxieme" or "second" or "seconde" => 2,
                "3e" or "3eme" or "troisieme" => 3,
                "4e" or "4eme" or "quatrieme" => 4,
                "5e" or "5eme" or "cinquieme" => 5,
                _ => -1,
            };
            if (ordinal == 5)
            {
                problems.Add("Le 5e jour de la semaine n'existe pas tous les mois : choisissez 1er, 2e, 3e, 4e ou « dernier ».");
                ordinal = null;
            }
            else understood.Add(ordinal == -1 ? "le dernier du mois" : $"le {MonthlyRule.OrdinalText(ordinal.Value)} du mois");
        }
        LocalTime? time = null;
        if (FrenchDates.FindTime(text) is { } foundTime)
        {
            time = foundTime.Time;
            understood.Add("à " + FrenchDates.Time(foundTime.Time));
        }

        if (day is null) problems.Add("Il me manque le jour de la semaine (lundi… vendredi).");
        if (ordinal is null && !problems.Any(p => p.Contains("5e", StringComparison.Ordinal)))
            problems.Add(Weekly().IsMatch(text)
                ? "Je ne programme que des séries mensuelles : précisez quel jour du mois (1er, 2e, 3e, 4e ou dernier)."
                : "Il me manque le rang du jour dans le mois (1er, 2e, 3e, 4e ou dernier).");
        if (time is null) problems.Add("Il me manque l'heure (par exemple « à 14h » ou « à 9h30 »).");
        if (from is { } f && until is { } u && u < f) problems.Add("La date de fin est avant la date de début.");
        if (from is { } start && start < today) problems.Add("La date de début est passée.");

        var rule = day is { } dd && ordinal is { } oo && time is { } tt ? new MonthlyRule(oo, dd, tt) : null;
        return new SeriesReading(rule, from, until, count, understood, problems);
    }

    private static string Blank(string text, Match m) => text[..m.Index] + new string(' ', m.Length) + text[(m.Index + m.Length)..];

    [GeneratedRegex(@"\b(?:a partir du|a partir de|a compter du|des le|depuis le|commencant le|du)\s+(?:(?:" + FrenchDates.DayPattern + @")\s+)?(?:1er|\d{1,2})(?:\s+[a-z]+(?:\s+\d{4})?|[/.]\d{1,2}(?:[/.]\d{2,4})?)")]
    private static partial Regex FromClause();

    [GeneratedRegex(@"\b(?:a partir|a compter|des|depuis|debut)\s*(?:du mois\s+)?(?:de\s+|d'\s?)?(?:" + FrenchDates.MonthPattern + @")(?:\s+\d{4})?\b")]
    private static partial Regex FromMonthClause();

    [GeneratedRegex(@"\b(?:jusqu'?\s?au|jusqu'?\s?a|jusqu'?\s?en|au)\s+(?:(?:(?:" + FrenchDates.DayPattern + @")\s+)?(?:1er|\d{1,2})(?:\s+[a-z]+(?:\s+\d{4})?|[/.]\d{1,2}(?:[/.]\d{2,4})?)|(?:" + FrenchDates.MonthPattern + @")(?:\s+\d{4})?)")]
    private static partial Regex UntilClause();

    [GeneratedRegex(@"\b(\d{1,3})\s+(?:sessions?|seances?|fois|rencontres?|occurrences?|dates?)\b")]
    private static partial Regex CountClause();

    [GeneratedRegex(@"\bpendant\s+(\d{1,3})\s+mois\b")]
    private static partial Regex MonthsClause();

    [GeneratedRegex(@"\b(" + FrenchDates.DayPattern + @")s?\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(1er|1re|1ere|1e|premier|premiere|2e|2eme|2nd|2nde|deuxieme|second|seconde|3e|3eme|troisieme|4e|4eme|quatrieme|5e|5eme|cinquieme|dernier|derniere)s?\b")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(?:chaque|tous les|toutes les)\s+(?:" + FrenchDates.DayPattern + @")s?\b")]
    private static partial Regex Weekly();
}
