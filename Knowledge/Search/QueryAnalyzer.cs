using System.Text.RegularExpressions;
using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Loading;

namespace Communaute.Knowledge.Search;

/// <summary>Turns a member's question into weighted concepts against the base's vocabulary.</summary>
public sealed partial class QueryAnalyzer
{
    private readonly FrenchTextAnalyzer _analyzer;
    private readonly Vocabulary _vocabulary;
    private readonly IReadOnlySet<string> _questionWords;
    private readonly List<IReadOnlyList<IReadOnlyList<string>>> _synonymGroups;

    private readonly double _unknownWeight;

    public QueryAnalyzer(FrenchTextAnalyzer analyzer, Vocabulary vocabulary, SynonymTable synonyms, double? unknownWeight = null)
    {
        _unknownWeight = unknownWeight ?? vocabulary.UnknownIdf;
        _analyzer = analyzer;
        _vocabulary = vocabulary;
        _questionWords = QuestionWords.Analysed(analyzer);
        _synonymGroups = synonyms.Groups
            .Select(g => (IReadOnlyList<IReadOnlyList<string>>)g.Select(v => (IReadOnlyList<string>)analyzer.Terms(v)).Where(v => v.Count > 0).ToList())
            .Where(g => g.Count > 1)
            .ToList();
    }

    public AnalysedQuery Analyse(string question)
    {
        // Words as the member wrote them, hyphenated compounds kept together.
        var words = new List<(List<string> Terms, string Surface)>();
        foreach (Match m in Word().Matches(question))
        {
            var terms = _analyzer.Terms(m.Value).Where(t => !_questionWords.Contains(t)).ToList();
            if (terms.Count == 0) continue;
            words.Add((terms, m.Value));
        }

        var concepts = new List<QueryConcept>();
        var flat = words.SelectMany((w, i) => w.Terms.Select(t => (Term: t, Word: i))).ToList();
        var consumedWords = new HashSet<int>();
        // Longest expressions first, across groups: "chambre régionale de l'économie sociale et solidaire"
        // is one concept (CRESS), not "chambre régionale" + ESS.
        // Expressions are looked for as typed, then with spelling corrected.
        var flatTerms = flat.Select(f => f.Term).ToList();
        var correctedTerms = flatTerms.Select(Correct).ToList();
        var matchedGroups = new HashSet<int>();
        foreach (var (group, variant, g) in _synonymGroups
                     .SelectMany((group, g) => group.Select(v => (group, v, g)))
                     .OrderByDescending(x => x.v.Count))
        {
            if (matchedGroups.Contains(g)) continue;
            var at = IndexOf(flatTerms, variant);
            if (at < 0) at = IndexOf(correctedTerms, variant);
            if (at < 0) continue;
            var covered = flat.Skip(at).Take(variant.Count).Select(f => f.Word).ToHashSet();
            if (covered.Overlaps(consumedWords)) continue;
            consumedWords.UnionWith(covered);
            matchedGroups.Add(g);
            concepts.Add(Concept(group, string.Join(' ', covered.Order().Select(i => words[i].Surface)), variant));
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (consumedWords.Contains(i)) continue;
            concepts.Add(Concept([words[i].Terms.Select(Correct).ToList()], words[i].Surface));
        }

        return new AnalysedQuery(question, concepts, DefinitionQuestion().IsMatch(question));
    }

    /// <param name="typed">The variant the member wrote: its rarity is the concept's weight when the base knows it.</param>
    private QueryConcept Concept(IReadOnlyList<IReadOnlyList<string>> variants, string surface, IReadOnlyList<string>? typed = null)
    {
        var known = variants.Any(v => v.All(_vocabulary.Contains));
        var weight = !known ? _unknownWeight
            : typed is not null && typed.All(_vocabulary.Contains) ? typed.Max(_vocabulary.Idf)
            : variants.Where(v => v.All(_vocabulary.Contains)).Max(v => v.Max(_vocabulary.Idf));
        // A bare number says little about the topic ("17 multiplié par 23"); it counts, but lightly.
        if (variants.All(v => v.All(t => t.All(char.IsDigit)))) weight = Math.Min(weight, 1.0);
        return new QueryConcept(variants, weight, known, surface);
    }

    private string Correct(string term) =>
        _vocabulary.Contains(term) ? term : SpellingCorrector.Correct(term, _vocabulary) ?? term;

    private static int IndexOf(List<string> haystack, IReadOnlyList<string> needle)
    {
        for (var i = 0; i + needle.Count <= haystack.Count; i++)
        {
            var ok = true;
            for (var j = 0; j < needle.Count && ok; j++) ok = haystack[i + j] == needle[j];
            if (ok) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"^\s*(qu['’ ]?est[- ]ce qu|c['’ ]?est quoi|que (veut dire|signifie)|d[ée]finition|d[ée]finir|qu['’ ]?appelle[- ]t[- ]on)", RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionQuestion();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Word();
}
