using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>The kind of detail a question asks for, which the answer must contain.</summary>
public enum DetailKind { None, Count, Amount, Share, Duration, Date, Person, Place, Contact }

/// <summary>
/// What the question asks, read from its normalised text: a definition ("qu'est-ce que X", "X c'est quoi") and of
/// what, or a detail (a figure: "combien", a date: "quand", a person: "qui a…", a place: "où"); for a count the
/// words that follow ("combien de mentors" → "mentors"), for a contact its kind ("telephone", "email", "web", "any").
/// </summary>
public sealed partial record QuestionIntent(bool AsksForDefinition, string? Subject, DetailKind Detail, string? Counted)
{
    public static QuestionIntent None { get; } = new(false, null, DetailKind.None, null);

    /// <param name="normalized">The question after <see cref="ChatFrench"/> (folded).</param>
    public static QuestionIntent Read(string normalized)
    {
        var text = Spaces().Replace(normalized.Replace('?', ' ').Replace('!', ' ').Replace('.', ' ').Replace(',', ' '), " ").Trim();
        string? subject = null;
        var definition = false;
        if (DefinitionFirst().Match(text) is { Success: true } first)
        {
            definition = true;
            subject = first.Groups["x"].Value;
        }
        else if (DefinitionLast().Match(text) is { Success: true } last)
        {
            definition = true;
            subject = last.Groups["x"].Value;
        }

        var (detail, counted) = ReadDetail(text);
        // "Qu'est-ce que la dotation du concours ?" asks what it is; a figure is asked only with words that ask for one.
        return new QuestionIntent(definition && detail == DetailKind.None, subject?.Trim(), detail, counted);
    }

    private static (DetailKind, string?) ReadDetail(string text)
    {
        if (Duration().IsMatch(text)) return (DetailKind.Duration, null);
        if (Amount().IsMatch(text)) return (DetailKind.Amount, null);
        if (Share().IsMatch(text)) return (DetailKind.Share, null);
        if (CountOf().Match(text) is { Success: true } count) return (DetailKind.Count, count.Groups["n"].Value);
        if (Figure().IsMatch(text)) return (DetailKind.Count, null);
        if (Date().IsMatch(text)) return (DetailKind.Date, null);
        if (Contact().Match(text) is { Success: true } contact)
            return (DetailKind.Contact, contact.Value switch
            {
                "numero" or "telephone" or "tel" => "telephone",
                "site internet" or "site web" => "web",
                "joindre" or "contacter" => "any",
                var v when v.StartsWith("adresse") && !v.Contains("postale") && v != "adresse" => "email",
                "adresse" or "adresse postale" => "adresse",
                _ => "email",
            });
        if (Person().IsMatch(text)) return (DetailKind.Person, null);
        if (Place().IsMatch(text)) return (DetailKind.Place, null);
        return (DetailKind.None, null);
    }

    [GeneratedRegex(@"^(?:.* )?(?:qu'est[- ]ce que?|qu'est[- ]ce qu'|c'est quoi|c'est qui|que (?:veut dire|veulent dire|signifie|signifient)|qu'entend[- ]on par|definition d(?:e l'|e la |e |u |es |')|definir|qu'appelle[- ]t[- ]on|what (?:is|are|does)|define)(?: (?:un |une |le |la |les |l'|des ))?(?<x>.+)$")]
    private static partial Regex DefinitionFirst();

    [GeneratedRegex(@"^(?<x>.+?) (?:c'est quoi|c'est qui|ca veut dire quoi|ca signifie quoi|veut dire quoi|signifie quoi|qu'est[- ]ce que c'est|ils font quoi|elle fait quoi|il fait quoi|fait quoi|font quoi|definition)$")]
    private static partial Regex DefinitionLast();

    [GeneratedRegex(@"\bcombien de temps\b|\bquelle (?:est la )?duree\b|\bhow long\b|\bpendant combien\b|\bsur combien de (?:mois|ans|annees|semaines|jours)\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\bquels? (?:est le |sont les )?montants?\b|\bquelles? (?:est la |sont les )?sommes?\b|\bcombien (?:coute|coutent|d'argent|d'euros|rapporte)\b|\bquel (?:est le )?(?:budget|cout|prix|chiffre d'affaires)\b|\bhow much\b|\ba combien s'eleve\b")]
    private static partial Regex Amount();

    [GeneratedRegex(@"\bquel (?:est le )?(?:pourcentage|taux)\b|\bquelle (?:est la )?(?:part|proportion)\b|\bquelle part\b|\bwhat (?:share|percentage|proportion)\b")]
    private static partial Regex Share();

    [GeneratedRegex(@"\b(?:combien|nombre)(?: de | d')(?<n>[\p{L}\-']+(?: [\p{L}\-']+)?)|\bhow many (?<n>[\p{L}\-']+(?: [\p{L}\-']+)?)")]
    private static partial Regex CountOf();

    [GeneratedRegex(@"\bcombien\b")]
    private static partial Regex Figure();

    [GeneratedRegex(@"^quand\b|\bquand$|\bquand (?:est|a |ont |aura|auront|sera|seront|etait|c'etait|debute|commence|commencent|se |s'est|a-t|ont-t|sont|fut|doit|doivent|peut-on|faut-il)|\bc'etait quand\b|\bquelles? (?:est la |sont les )?dates?\b|\ben quelle annee\b|\bquelle annee\b|\bdepuis quand\b|\bdepuis quelle annee\b|\ba quelle date\b|\bwhen\b|\bwhat year\b|\bwhich year\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\b(?:numero|telephone|tel|adresse (?:mail|e-mail|email|electronique|postale)|adresse|e-mail|email|mail|courriel|site (?:internet|web)|joindre|contacter)\b")]
    private static partial Regex Contact();

    [GeneratedRegex(@"^(?:.* )?qui (?:a |ont |avait |est |sont |etait |dirige|preside|pilote|anime|a realise|a fonde|a cree|contacter|porte)|\bwho\b|\bquelle personne\b|\bqui est (?:le|la) (?:directeur|directrice|president|presidente|responsable|contact|fondateur|fondatrice)\b")]
    private static partial Regex Person();

    [GeneratedRegex(@"^(?:.* )?ou (?:se trouve|se trouvent|est|sont|se situe|trouver|a lieu|ont lieu|s'est)\b|\bdans quelles? (?:villes?|regions?|departements?|communes?|pays)\b|\bquelles? (?:villes?|regions?)\b|\bwhere\b|\bwhich (?:city|cities|region|regions)\b")]
    private static partial Regex Place();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
