using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Loading;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>
/// The knowledge base's French analysis, for cards and questions alike: elision, accents, light stemming (the
/// <see cref="FrenchTextAnalyzer"/>), and the curated synonym and concept groups (synonymes.txt, concepts.txt), so
/// « SCIC » meets « société coopérative d'intérêt collectif » and « financement » meets « subventions ».
/// </summary>
public sealed partial class DirectoryAnalysis
{
    /// <summary>Words that shape a question to the directory but are not its subject (« qui a déjà monté… »).</summary>
    private static readonly string[] FrameWords =
    [
        "aider", "aide", "aidez", "experience", "experiences", "expertise", "conseil", "conseils", "conseiller", "connait", "connais", "connaitre",
        "deja", "monte", "montee", "monter", "fait", "faire", "eu", "sujet", "sujets", "question", "questions", "quelqu", "quelqu'un", "quelqu’un",
        "pair", "pairs", "membre", "membres", "personne", "personnes", "cas", "apporter", "besoin", "quelque", "chose", "m'aider", "svp", "merci",
        "bonjour", "domaine", "theme", "thematique", "aujourd'hui", "mon", "ma", "mes", "notre", "nos", "projet", "structure",
    ];

    private const int WordCacheLimit = 200_000;

    private readonly FrenchTextAnalyzer _analyzer;
    private readonly ConcurrentDictionary<string, string[]> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Group, string[] Variant)>> _byFirstTerm = new(StringComparer.Ordinal);

    public DirectoryAnalysis(FrenchTextAnalyzer analyzer, SynonymTable synonyms)
    {
        _analyzer = analyzer;
        var groups = new List<string[][]>();
        foreach (var group in synonyms.Groups)
        {
            var variants = group.Select(v => analyzer.Terms(v).ToArray()).Where(v => v.Length > 0).ToArray();
            if (variants.Length > 1) groups.Add(variants);
        }
        Groups = groups;
        for (var g = 0; g < groups.Count; g++)
            foreach (var v in groups[g])
            {
                if (!_byFirstTerm.TryGetValue(v[0], out var list)) _byFirstTerm[v[0]] = list = [];
                list.Add((g, v));
            }
        foreach (var list in _byFirstTerm.Values) list.Sort((a, b) => b.Variant.Length.CompareTo(a.Variant.Length));
        FrameTerms = FrameWords.Concat(QuestionWords.Surface).SelectMany(w => analyzer.Terms(w)).ToHashSet(StringComparer.Ordinal);
        LexiconTerms = groups.SelectMany(g => g).SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        OneWordVariants = groups.Select(g => (IReadOnlySet<string>)g.Where(v => v.Length == 1).Select(v => v[0]).ToHashSet(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>The analysis with the knowledge folder's lists (an empty lexicon when the folder has none).</summary>
    public static DirectoryAnalysis Load(string knowledgeFolder) =>
        new(new FrenchTextAnalyzer(), Lexicon.Load(knowledgeFolder, []).Synonyms);

    /// <summary>Analysed variants of each synonym group.</summary>
    public IReadOnlyList<string[][]> Groups { get; }

    /// <summary>The one-term variants of each synonym group (what a card may hold alone for the group).</summary>
    public IReadOnlyList<IReadOnlySet<string>> OneWordVariants { get; }

    /// <summary>Analysed terms dropped from questions.</summary>
    public IReadOnlySet<string> FrameTerms { get; }

    /// <summary>Every analysed term of the synonym groups (known words, for spelling correction).</summary>
    public IReadOnlySet<string> LexiconTerms { get; }

    /// <summary>Words as people write them (hyphenated and elided compounds kept together), with their positions.</summary>
    public static IEnumerable<(int Index, int Length)> Words(string text)
    {
        foreach (Match m in WordPattern().Matches(text)) yield return (m.Index, m.Length);
    }

    /// <summary>The analysed terms of one word, remembered (cards and questions repeat their words).</summary>
    public string[] WordTerms(string word)
    {
        if (_words.TryGetValue(word, out var terms)) return terms;
        terms = [.. _analyzer.Terms(word)];
        if (_words.Count < WordCacheLimit) _words.TryAdd(word, terms);
        return terms;
    }

    /// <summary>The analysed terms of a text, in order, with the index of the word each comes from.</summary>
    public List<(string Term, int Word)> Terms(string text)
    {
        var list = new List<(string, int)>();
        var w = 0;
        foreach (var (index, length) in Words(text))
        {
            foreach (var t in WordTerms(text.Substring(index, length))) list.Add((t, w));
            w++;
        }
        return list;
    }

    /// <summary>The groups whose variants start at <paramref name="at"/> in <paramref name="terms"/>, longest variant first.</summary>
    public IEnumerable<(int Group, int Length)> GroupsAt(IReadOnlyList<string> terms, int at)
    {
        if (!_byFirstTerm.TryGetValue(terms[at], out var candidates)) yield break;
        foreach (var (group, variant) in candidates)
        {
            if (at + variant.Length > terms.Count) continue;
            var ok = true;
            for (var j = 1; j < variant.Length && ok; j++) ok = terms[at + j] == variant[j];
            if (ok) yield return (group, variant.Length);
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
