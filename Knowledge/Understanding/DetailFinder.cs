using System.Text.RegularExpressions;
using Communaute.Knowledge.Analysis;

namespace Communaute.Knowledge.Understanding;

/// <summary>
/// Whether a passage contains the kind of detail a question asks for: a figure next to the thing counted, an amount,
/// a share, a duration, a date, a person's name, a place, a way to get in touch. A passage on the right subject without
/// it does not answer ("La base parle de LeadHer mais ne donne pas le nombre de mentors").
/// </summary>
public static partial class DetailFinder
{
    private static readonly HashSet<string> NumberWords =
    [
        "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze",
        "seize", "vingt", "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille", "dizaine", "dizaines", "douzaine",
        "douzaines", "quinzaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "centaine", "centaines", "millier",
        "milliers", "million", "millions", "milliard", "milliards", "moitie", "tiers", "quart", "plusieurs", "nombreux", "nombreuses",
    ];

    /// <summary>The sentence units of the passage that hold the detail (empty when none does).</summary>
    public static bool Contains(string passage, QuestionIntent intent, IReadOnlyCollection<string> questionWords, FrenchTextAnalyzer analyzer) =>
        intent.Detail switch
        {
            DetailKind.None => true,
            DetailKind.Count => HasCount(passage, intent.Counted, analyzer),
            DetailKind.Amount => Money().IsMatch(passage),
            DetailKind.Share => Percent().IsMatch(passage) || Fraction().IsMatch(Folding.Fold(passage)),
            DetailKind.Duration => DurationPattern().IsMatch(Folding.Fold(passage)),
            DetailKind.Date => Year().IsMatch(passage) || FrenchDates.MentionsMonth(passage) || NumericDate().IsMatch(passage),
            DetailKind.Person => HasName(passage, questionWords),
            DetailKind.Place => HasName(passage, questionWords),
            DetailKind.Contact => intent.Counted switch
            {
                "telephone" => Phone().IsMatch(passage),
                "email" => Email().IsMatch(passage),
                "web" => Url().IsMatch(passage),
                "adresse" => Street().IsMatch(Folding.Fold(passage)),
                _ => Phone().IsMatch(passage) || Email().IsMatch(passage) || Url().IsMatch(passage) || HasName(passage, questionWords),
            },
            _ => true,
        };

    /// <summary>How a missing detail is named: "le nombre de mentors", "la date", "le montant".</summary>
    public static string Describe(QuestionIntent intent) => intent.Detail switch
    {
        DetailKind.Count when !string.IsNullOrWhiteSpace(intent.Counted) => "le nombre de " + intent.Counted!.Split(' ')[0],
        DetailKind.Count => "le chiffre demandé",
        DetailKind.Amount => "le montant demandé",
        DetailKind.Share => "la part ou le taux demandé",
        DetailKind.Duration => "la durée",
        DetailKind.Date => "la date demandée",
        DetailKind.Person => "le nom de la personne",
        DetailKind.Place => "le lieu",
        DetailKind.Contact => intent.Counted switch
        {
            "telephone" => "de numéro de téléphone",
            "email" => "d'adresse électronique",
            "web" => "de site internet",
            "adresse" => "d'adresse",
            _ => "de contact",
        },
        _ => "ce détail",
    };

    /// <summary>A number (in figures or words) within a few words of what is counted; any number when nothing is named.</summary>
    private static bool HasCount(string passage, string? counted, FrenchTextAnalyzer analyzer)
    {
        var words = Words().Matches(Folding.Fold(passage)).Select(m => m.Value).ToList();
        var isNumber = words.Select(w => w.Any(char.IsDigit) || NumberWords.Contains(w)).ToList();
        if (!isNumber.Contains(true)) return false;
        if (string.IsNullOrWhiteSpace(counted)) return true;

        // What is counted, by the start of its analysed form ("mentor", "etudi"): compared with the passage's words as written.
        // Doubled letters squashed on both sides, as the stemmer does ("territoires" → "teritoir", "lycéens" → "lycens").
        var first = counted.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var targets = analyzer.CachedTerms(first).Append(Squash(Folding.Fold(first)))
            .Where(t => t.Length > 2).Select(t => t.Length > 5 ? t[..5] : t).Distinct().ToList();
        if (targets.Count == 0) return true;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var apostrophe = word.LastIndexOf('\'');
            if (apostrophe >= 0) word = word[(apostrophe + 1)..];
            word = Squash(word);
            if (!targets.Any(t => word.StartsWith(t, StringComparison.Ordinal))) continue;
            for (var j = Math.Max(0, i - 4); j <= Math.Min(words.Count - 1, i + 3); j++)
                if (isNumber[j]) return true;
        }
        return false;
    }

    private static string Squash(string word)
    {
        var sb = new System.Text.StringBuilder(word.Length);
        foreach (var c in word) if (sb.Length == 0 || sb[^1] != c) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>A capitalised name (not a sentence's first word) that the question does not already contain.</summary>
    private static bool HasName(string passage, IReadOnlyCollection<string> questionWords)
    {
        foreach (Match m in Name().Matches(passage))
        {
            var folded = Folding.Fold(m.Groups["name"].Value);
            if (!questionWords.Contains(folded)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\d[\d  .,]*\s*(?:€|euros?|k€|M€|Md€|millions? d'euros|milliards? d'euros)|(?:€|EUR)\s*\d|\b(?:millions?|milliards?) d['’]euros", RegexOptions.IgnoreCase)]
    private static partial Regex Money();

    [GeneratedRegex(@"\d\s*%|\bpour ?cent\b", RegexOptions.IgnoreCase)]
    private static partial Regex Percent();

    [GeneratedRegex(@"\b(?:la moitie|un tiers|deux tiers|un quart|trois quarts|\d+ sur \d+|\w+ sur (?:dix|onze|douze|vingt|cent))\b")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"\b(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente)\s*(?:a \d+\s*)?(?:mois|ans|annees|semaines|jours|heures|h|minutes|min|demi-journees?|journees?)\b")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\b(?:1[89]|20)\d\d\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?:\+33\s?|\b0)[1-9](?:[\s.\-]?\d\d){4}\b")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+\.[\w.\-]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"https?://\S+|\bwww\.\S+|\b[\w\-]+\.(?:fr|org|com|eu|net|coop)\b")]
    private static partial Regex Url();

    [GeneratedRegex(@"\b\d{1,4},? (?:bis |ter )?(?:rue|avenue|bd|boulevard|place|allee|chemin|quai|impasse|cours)\b")]
    private static partial Regex Street();

    [GeneratedRegex(@"(?<=[\p{L},;:(] )(?<name>\p{Lu}[\p{L}'’\-]+)")]
    private static partial Regex Name();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*")]
    private static partial Regex Words();
}
