using System.Text.RegularExpressions;
using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Understanding;

namespace Communaute.Knowledge.Search;

/// <summary>How question words are weighed against each other (part of the calibrated policy).</summary>
/// <param name="UnknownWord">Weight of a word the base has never seen, after spelling correction; null: rarer than any term of the base.</param>
/// <param name="CommonWordFactor">Share of its weight an everyday word keeps ("veux", "beaucoup", "concrètement": listed in mots-courants.txt).</param>
/// <param name="MaxConcepts">Most concepts searched: a pasted paragraph keeps its rarest (Lucene refuses too many clauses).</param>
public sealed record QueryWeights(double? UnknownWord = 4.0, double CommonWordFactor = 0.25, int MaxConcepts = 24)
{
    /// <summary>Words of a paragraph's context (around the asking sentence) kept, the rarest the base knows.</summary>
    public int ContextTerms { get; init; } = 3;

    /// <summary>Share of its weight a context word keeps.</summary>
    public double ContextFactor { get; init; } = 0.5;

    /// <summary>
    /// From how many concepts a question tells a situation (<see cref="Answering.AnswerPolicy.LongQuestionConcepts"/>): its
    /// everyday words then count for a passage that holds them, never against one that does not.
    /// </summary>
    public int LongQuestionConcepts { get; init; } = 8;
}

/// <summary>Turns a member's question (normalised by <see cref="ChatFrench"/>) into weighted concepts against the base's vocabulary.</summary>
public sealed partial class QueryAnalyzer
{
    private readonly FrenchTextAnalyzer _analyzer;
    private readonly Vocabulary _vocabulary;
    private readonly IReadOnlySet<string> _questionWords;
    private readonly IReadOnlySet<string> _commonWords;
    private readonly HashSet<string> _commonTerms;
    private readonly List<IReadOnlyList<IReadOnlyList<string>>> _synonymGroups;

    /// <summary>Every variant of every group, longest first (in the groups' order among equals): the order expressions are looked for.</summary>
    private readonly List<(IReadOnlyList<string> Variant, int Group)> _variantsLongestFirst;

    /// <summary>Positions in <see cref="_variantsLongestFirst"/> of the variants starting with a term: only those can be in a question that holds it.</summary>
    private readonly Dictionary<string, List<int>> _variantsByFirstTerm = new(StringComparer.Ordinal);
    private readonly QueryWeights _weights;
    private readonly double _unknownWeight;

    public QueryAnalyzer(FrenchTextAnalyzer analyzer, Vocabulary vocabulary, Lexicon lexicon, QueryWeights weights)
    {
        _weights = weights;
        _unknownWeight = weights.UnknownWord ?? vocabulary.UnknownIdf;
        _analyzer = analyzer;
        _vocabulary = vocabulary;
        _questionWords = QuestionWords.Analysed(analyzer);
        _commonWords = lexicon.CommonWords;
        _commonTerms = lexicon.CommonWords.SelectMany(analyzer.Terms).ToHashSet(StringComparer.Ordinal);
        _synonymGroups = lexicon.Synonyms.Groups
            .Select(g => (IReadOnlyList<IReadOnlyList<string>>)g.Select(v => (IReadOnlyList<string>)analyzer.Terms(v)).Where(v => v.Count > 0).ToList())
            .Where(g => g.Count > 1)
            .ToList();
        _variantsLongestFirst = _synonymGroups
            .SelectMany((group, g) => group.Select(v => (v, g)))
            .OrderByDescending(x => x.v.Count)
            .ToList();
        for (var i = 0; i < _variantsLongestFirst.Count; i++)
        {
            var first = _variantsLongestFirst[i].Variant[0];
            if (!_variantsByFirstTerm.TryGetValue(first, out var list)) _variantsByFirstTerm[first] = list = [];
            list.Add(i);
        }
    }

    public QueryWeights Weights => _weights;

    /// <param name="question">The asking part of the message.</param>
    /// <param name="context">For a pasted paragraph, the sentences around the question: only their rarest known words count.</param>
    public AnalysedQuery Analyse(string question, string? context = null, bool asksForDefinition = false)
    {
        var words = Words(question);
        var concepts = new List<QueryConcept>();
        var flat = words.SelectMany((w, i) => w.Terms.Select(t => (Term: t, Word: i))).ToList();
        var consumedWords = new HashSet<int>();
        // Longest expressions first, across groups: "chambre régionale de l'économie sociale et solidaire"
        // is one concept (CRESS), not "chambre régionale" + ESS.
        // Expressions are looked for as typed, then with spelling corrected.
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        string Corrected(string term)
        {
            if (!corrections.TryGetValue(term, out var corrected)) corrections[term] = corrected = Correct(term);
            return corrected;
        }
        var flatTerms = flat.Select(f => f.Term).ToList();
        var correctedTerms = flatTerms.Select(Corrected).ToList();
        var matchedGroups = new HashSet<int>();
        foreach (var (variant, g) in CandidateVariants(flatTerms, correctedTerms))
        {
            if (matchedGroups.Contains(g)) continue;
            var group = _synonymGroups[g];
            var at = IndexOf(flatTerms, variant);
            if (at < 0 || !WholeWords(flat, at, variant.Count)) at = IndexOf(correctedTerms, variant);
            if (at < 0 || !WholeWords(flat, at, variant.Count)) continue;
            var covered = flat.Skip(at).Take(variant.Count).Select(f => f.Word).ToHashSet();
            if (covered.Overlaps(consumedWords)) continue;
            consumedWords.UnionWith(covered);
            matchedGroups.Add(g);
            var surfaces = covered.Order().Select(i => words[i].Surface).ToList();
            concepts.Add(Concept(group, string.Join(' ', surfaces), surfaces.All(IsCommon), variant));
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (consumedWords.Contains(i)) continue;
            concepts.Add(Concept([words[i].Terms.Select(Corrected).ToList()], words[i].Surface, IsCommon(words[i].Surface)));
        }

        // A paragraph asks with many words: keep the rarest (their order kept), so no question is too long to search.
        if (concepts.Count > _weights.MaxConcepts)
        {
            var kept = concepts.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Weight).Take(_weights.MaxConcepts).Select(x => x.i).ToHashSet();
            concepts = concepts.Where((_, i) => kept.Contains(i)).ToList();
        }

        if (!string.IsNullOrWhiteSpace(context))
            concepts.AddRange(ContextConcepts(context, concepts));

        return new AnalysedQuery(question, concepts, asksForDefinition);
    }

    /// <summary>
    /// The variants that may be in the question, in the order they are looked for: a variant can only be found where
    /// its first term is, as typed or corrected.
    /// </summary>
    private IEnumerable<(IReadOnlyList<string> Variant, int Group)> CandidateVariants(List<string> terms, List<string> corrected)
    {
        var positions = new SortedSet<int>();
        foreach (var t in terms.Concat(corrected))
            if (_variantsByFirstTerm.TryGetValue(t, out var list)) positions.UnionWith(list);
        return positions.Select(i => _variantsLongestFirst[i]);
    }

    /// <summary>The rarest words of the context the base knows (a name, a place), at a reduced weight.</summary>
    private IEnumerable<QueryConcept> ContextConcepts(string context, List<QueryConcept> concepts)
    {
        var present = concepts.SelectMany(c => c.Variants).SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        return Words(context)
            .Where(w => w.Terms.Count == 1 && !IsCommon(w.Surface) && _vocabulary.Contains(w.Terms[0]) && !present.Contains(w.Terms[0]) && !w.Terms[0].All(char.IsDigit))
            .DistinctBy(w => w.Terms[0])
            .OrderByDescending(w => _vocabulary.Idf(w.Terms[0]))
            .Take(_weights.ContextTerms)
            .Select(w => new QueryConcept([w.Terms], _vocabulary.Idf(w.Terms[0]) * _weights.ContextFactor, true, w.Surface) { Context = true });
    }

    /// <summary>Words as the member wrote them, hyphenated compounds kept together, question words dropped.</summary>
    private List<(List<string> Terms, string Surface)> Words(string text)
    {
        var words = new List<(List<string> Terms, string Surface)>();
        foreach (Match m in Word().Matches(text))
        {
            var terms = _analyzer.CachedTerms(m.Value).Where(t => !_questionWords.Contains(t)).ToList();
            if (terms.Count == 0) continue;
            words.Add((terms, m.Value));
        }
        return words;
    }

    private bool IsCommon(string surface)
    {
        var folded = Folding.Fold(surface);
        if (_commonWords.Contains(folded)) return true;
        var terms = _analyzer.CachedTerms(folded);
        return terms.Count > 0 && terms.All(_commonTerms.Contains);
    }

    /// <param name="typed">The variant the member wrote: its rarity is the concept's weight when the base knows it.</param>
    private QueryConcept Concept(IReadOnlyList<IReadOnlyList<string>> variants, string surface, bool common, IReadOnlyList<string>? typed = null)
    {
        var known = variants.Any(v => v.All(_vocabulary.Contains));
        var weight = !known ? _unknownWeight
            : typed is not null && typed.All(_vocabulary.Contains) ? typed.Max(_vocabulary.Idf)
            : variants.Where(v => v.All(_vocabulary.Contains)).Max(v => v.Max(_vocabulary.Idf));
        if (common) weight *= _weights.CommonWordFactor;
        // A bare number says little about the topic ("17 multiplié par 23"); it counts, but lightly. A year is a topic:
        // "l'appel à projets 2024" is not the 2014 one.
        if (variants.All(v => v.All(t => t.All(char.IsDigit))) && !variants.Any(v => v.Count == 1 && Year().IsMatch(v[0])))
            weight = Math.Min(weight, 1.0);
        return new QueryConcept(variants, weight, known, surface) { Common = common };
    }

    private string Correct(string term) =>
        _vocabulary.Contains(term) ? term : SpellingCorrector.Correct(term, _vocabulary) ?? term;

    /// <summary>True when the terms [at, at + count) are whole words: "État" does not match the start of "États-Unis".</summary>
    private static bool WholeWords(List<(string Term, int Word)> flat, int at, int count) =>
        (at == 0 || flat[at - 1].Word != flat[at].Word) && (at + count >= flat.Count || flat[at + count].Word != flat[at + count - 1].Word);

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

    [GeneratedRegex(@"^(?:19|20)\d\d$")]
    private static partial Regex Year();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Word();
}
