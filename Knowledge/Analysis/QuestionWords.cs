namespace Communaute.Knowledge.Analysis;

/// <summary>
/// Analysed forms of words that shape a question but say nothing of its topic
/// ("qu'est-ce que", "quels sont", "comment", "dire"…). Dropped from queries only.
/// </summary>
public static class QuestionWords
{
    public static readonly string[] Surface =
    [
        "quoi", "quel", "quelle", "quels", "quelles", "comment", "pourquoi", "combien", "est", "sont", "ce", "que", "qui",
        "dire", "veut", "signifie", "definition", "definir", "explique", "expliquer", "parle", "parler", "moi", "svp", "elles", "ils", "eux", "lui", "leur", "leurs",
        "bonjour", "merci", "peux", "pouvez", "peut", "peuvent", "faut", "il", "elle", "on", "nous", "vous", "je", "tu",
        "c", "etc", "quand", "ou", "où", "donne", "donner", "savoir", "sais", "connais", "connaitre", "chose", "choses",
        "existe", "existent", "ya", "t", "quoi", "lequel", "laquelle", "lesquels", "lesquelles", "faire", "fait", "font",
        "avoir", "a", "ont", "etre", "être", "agit", "s", "qu", "la", "le", "les", "un", "une", "des", "de", "du",
    ];

    private static HashSet<string>? _analysed;

    public static IReadOnlySet<string> Analysed(FrenchTextAnalyzer analyzer) =>
        _analysed ??= Surface.SelectMany(w => analyzer.Terms(w)).ToHashSet(StringComparer.Ordinal);
}
