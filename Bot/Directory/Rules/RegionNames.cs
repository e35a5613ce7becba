using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>
/// The regions a card and a question can name, overseas included, with the ways people write them
/// (« en Normandie », « à la Réunion », « en PACA », « outre-mer »).
/// </summary>
public static class RegionNames
{
    public const string Overseas = "Outre-mer";

    public static readonly IReadOnlyList<string> All =
    [
        "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est", "Hauts-de-France",
        "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
        "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Nouvelle-Calédonie", "Polynésie française", "Saint-Pierre-et-Miquelon",
    ];

    public static readonly IReadOnlySet<string> OverseasRegions = new HashSet<string>
    {
        "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Nouvelle-Calédonie", "Polynésie française", "Saint-Pierre-et-Miquelon",
    };

    /// <summary>Folded spellings (as <see cref="TextMatching.Fold"/> gives them) → region.</summary>
    private static readonly (string Folded, string Region)[] Spellings = BuildSpellings();

    private static (string, string)[] BuildSpellings()
    {
        var list = All.Select(r => (TextMatching.Fold(r), r)).ToList();
        list.AddRange(
        [
            ("reunion", "La Réunion"), ("ile de la reunion", "La Réunion"), ("idf", "Île-de-France"), ("paris", "Île-de-France"),
            ("paca", "Provence-Alpes-Côte d'Azur"), ("aura", "Auvergne-Rhône-Alpes"), ("rhone alpes", "Auvergne-Rhône-Alpes"),
            ("bfc", "Bourgogne-Franche-Comté"), ("caledonie", "Nouvelle-Calédonie"), ("polynesie", "Polynésie française"), ("tahiti", "Polynésie française"),
            ("guyane francaise", "Guyane"), ("hdf", "Hauts-de-France"), ("centre val de loire", "Centre-Val de Loire"),
            ("outre mer", Overseas), ("outremer", Overseas), ("dom", Overseas), ("drom", Overseas), ("dom tom", Overseas), ("ultramarin", Overseas), ("ultramarins", Overseas),
        ]);
        return list.OrderByDescending(s => s.Item1.Length).ToArray();
    }

    /// <summary>The region a text names exactly (a card's field, a form's choice); null when none.</summary>
    public static string? Find(string? text)
    {
        var folded = TextMatching.Fold(text);
        if (folded.Length == 0) return null;
        return Spellings.FirstOrDefault(s => s.Folded == folded).Region;
    }

    /// <summary>
    /// A region named in a question (« … en Normandie ? »), after « en », « à », « dans », « sur », « de », « la »…
    /// (« une réunion » is a meeting, « à la Réunion » a region): the region and the question's folded text without it.
    /// </summary>
    public static (string? Region, string? Spelling, string Remainder) Extract(string foldedQuestion)
    {
        var padded = " " + foldedQuestion + " ";
        foreach (var (folded, region) in Spellings)
        {
            var at = padded.IndexOf(" " + folded + " ", StringComparison.Ordinal);
            if (at < 0) continue;
            var before = " " + padded[..at].Trim();
            var link = Links.FirstOrDefault(l => before.EndsWith(l, StringComparison.Ordinal));
            if (link is null) continue;
            before = before[..^link.Length];
            if (link == " la" && before.EndsWith(" a", StringComparison.Ordinal)) before = before[..^2];
            var rest = (before + " " + padded[(at + folded.Length + 2)..]).Trim();
            return (region, folded, rest);
        }
        return (null, null, foldedQuestion);
    }

    private static readonly string[] Links = [" en", " a", " dans", " sur", " de", " du", " la", " l", " le", " les", " aux", " au", " pour", " vers"];

    /// <summary>True when a card of this region (and territory text) answers a question asking for <paramref name="asked"/>.</summary>
    public static bool Covers(string asked, string? cardRegion, string? territory)
    {
        if (cardRegion is not null && (cardRegion == asked || (asked == Overseas && OverseasRegions.Contains(cardRegion)))) return true;
        if (string.IsNullOrWhiteSpace(territory)) return false;
        var t = " " + TextMatching.Fold(territory) + " ";
        return Spellings.Any(s => (s.Region == asked || (asked == Overseas && OverseasRegions.Contains(s.Region))) && s.Folded.Length >= 4
                                  && t.Contains(" " + s.Folded + " ", StringComparison.Ordinal));
    }
}
