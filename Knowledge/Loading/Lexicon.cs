using Communaute.Knowledge.Understanding;

namespace Communaute.Knowledge.Loading;

/// <summary>
/// The curated word lists of the knowledge folder, which curators extend like the entries:
/// <c>synonymes.txt</c> (the field's acronyms and their expansions), <c>concepts.txt</c> (everyday words and the
/// documents' words for the same thing), <c>glossaire-anglais.txt</c> (English → French), <c>mots-courants.txt</c>
/// (everyday words that say little of a question's topic).
/// </summary>
public sealed record Lexicon(SynonymTable Synonyms, IReadOnlyList<KeyValuePair<string, string>> EnglishGlossary, IReadOnlySet<string> CommonWords)
{
    /// <summary>Places and their regions (<c>lieux.txt</c>).</summary>
    public Places Places { get; init; } = Places.Empty;

    public const string SynonymFile = "synonymes.txt", ConceptFile = "concepts.txt", GlossaryFile = "glossaire-anglais.txt", CommonWordsFile = "mots-courants.txt";

    public static Lexicon Empty { get; } = new(SynonymTable.Empty, [], new HashSet<string>());

    public static Lexicon Load(string folder, List<LoadProblem> problems)
    {
        var groups = Lines(folder, SynonymFile).Concat(Lines(folder, ConceptFile)).Select(l => l.Text);
        var glossary = new List<KeyValuePair<string, string>>();
        foreach (var (line, number) in Lines(folder, GlossaryFile))
        {
            var parts = line.Split('=', 2);
            if (parts.Length != 2 || parts[1].Contains('='))
            {
                problems.Add(new LoadProblem(GlossaryFile, number, "une ligne s'écrit « mots anglais, variantes = mots français »"));
                continue;
            }
            var french = Folding.Fold(parts[1].Trim());
            foreach (var english in parts[0].Split(',').Select(e => Folding.Fold(e.Trim())).Where(e => e.Length > 0))
                glossary.Add(new(english, french));
        }
        var common = Lines(folder, CommonWordsFile)
            .SelectMany(l => l.Text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(Folding.Fold)
            .ToHashSet(StringComparer.Ordinal);
        return new Lexicon(SynonymTable.Parse(groups), glossary, common)
        {
            Places = Places.Parse(Lines(folder, Places.FileName).Select(l => l.Text)),
        };
    }

    /// <summary>The lines of a list file that are not blank nor comments, with their numbers.</summary>
    private static IEnumerable<(string Text, int Number)> Lines(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path)) yield break;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return (line, number);
        }
    }
}
