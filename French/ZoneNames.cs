using NodaTime;

namespace Communaute.French;

/// <summary>How a time zone is named in French: "heure de Paris", "à Pointe-à-Pitre".</summary>
public sealed record ZoneName(string ZoneId, string Label, string TimeOf, string At);

public static class ZoneNames
{
    /// <summary>The zones members of the community live in, offered by « mon fuseau ».</summary>
    public static readonly IReadOnlyList<ZoneName> Usual =
    [
        new("Europe/Paris", "Paris (métropole)", "heure de Paris", "à Paris"),
        new("America/Guadeloupe", "Guadeloupe", "heure de la Guadeloupe", "à Pointe-à-Pitre"),
        new("America/Martinique", "Martinique", "heure de la Martinique", "à Fort-de-France"),
        new("America/Cayenne", "Guyane", "heure de la Guyane", "à Cayenne"),
        new("Indian/Reunion", "La Réunion", "heure de La Réunion", "à Saint-Denis (La Réunion)"),
        new("Indian/Mayotte", "Mayotte", "heure de Mayotte", "à Mamoudzou"),
        new("Pacific/Noumea", "Nouvelle-Calédonie", "heure de Nouméa", "à Nouméa"),
        new("Pacific/Tahiti", "Tahiti (Polynésie)", "heure de Tahiti", "à Papeete"),
    ];

    public static ZoneName For(DateTimeZone zone) => For(zone.Id);

    public static ZoneName For(string zoneId)
    {
        if (Usual.FirstOrDefault(z => z.ZoneId == zoneId) is { } usual) return usual;
        if (zoneId is "UTC" or "Etc/UTC") return new(zoneId, "UTC", "heure UTC", "en UTC");
        var city = zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return new(zoneId, city, $"heure de {city}", $"à {city}");
    }

    /// <summary>
    /// The zone a member means: an IANA id ("America/Guadeloupe", any case), or the name of a usual zone
    /// ("Guadeloupe", "la réunion", "nouméa", "tahiti"). Null when nothing matches.
    /// </summary>
    public static DateTimeZone? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(trimmed) is { } exact) return exact;
        var byId = DateTimeZoneProviders.Tzdb.Ids.FirstOrDefault(id => string.Equals(id, trimmed, StringComparison.OrdinalIgnoreCase));
        if (byId is not null) return DateTimeZoneProviders.Tzdb[byId];
        var folded = Folding.FoldWords(trimmed);
        foreach (var zone in Usual)
        {
            var names = new[] { zone.Label, zone.At[2..], zone.ZoneId[(zone.ZoneId.IndexOf('/') + 1)..] }
                .Select(Folding.FoldWords);
            if (names.Any(n => n == folded || n.StartsWith(folded + " ", StringComparison.Ordinal) || (folded.Length >= 4 && n.Contains(folded, StringComparison.Ordinal))))
                return DateTimeZoneProviders.Tzdb[zone.ZoneId];
        }
        return folded switch
        {
            "metropole" or "france" or "france metropolitaine" or "paris" => DateTimeZoneProviders.Tzdb["Europe/Paris"],
            "reunion" => DateTimeZoneProviders.Tzdb["Indian/Reunion"],
            "polynesie" or "polynesie francaise" or "papeete" => DateTimeZoneProviders.Tzdb["Pacific/Tahiti"],
            "nouvelle caledonie" => DateTimeZoneProviders.Tzdb["Pacific/Noumea"],
            _ => null,
        };
    }
}
