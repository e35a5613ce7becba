using System.Buffers;
using System.Collections.Concurrent;
using Communaute.Knowledge.Search;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>A published card as the search knows it.</summary>
public sealed record CardDocument(long MemberId, string Name, string HelpsWith, string? LooksFor, string? Organisation, string? Region, string? Territory);

/// <summary>A card that answers a question: its score and the analysed terms to highlight in it.</summary>
public sealed record DirectoryMatch(CardDocument Card, double Score, int ConceptsMatched, IReadOnlySet<string> Highlight);

/// <summary>
/// The published cards, analysed once, searched in memory. A card answers a question when it holds at least half of
/// the question's weight (each subject word, synonym group or concept weighed by its rarity among the cards): a
/// card that shares nothing with the question, or only an everyday word of it, never appears.
/// </summary>
public sealed class DirectoryIndex
{
    /// <summary>Share of the question's weight a card must hold.</summary>
    public const double MinCoverage = 0.5;

    private sealed class Entry(CardDocument card, HashSet<string> terms, HashSet<int> groups)
    {
        public CardDocument Card { get; } = card;
        public HashSet<string> Terms { get; } = terms;
        public HashSet<int> Groups { get; } = groups;
    }

    /// <summary>One thing the question asks about: a synonym group, or a word with its near forms and corrected typos.</summary>
    private sealed record Concept(int? Group, IReadOnlySet<string> Terms);

    private readonly DirectoryAnalysis _analysis;
    private readonly Entry[] _entries;
    private readonly Dictionary<string, int> _frequency = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _byLength = [];

    /// <summary>The cards holding each term, and each synonym group (positions in <see cref="_entries"/>).</summary>
    private readonly Dictionary<string, List<int>> _termPostings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _groupPostings = [];

    private const int TermCacheLimit = 50_000;
    private readonly ConcurrentDictionary<string, string> _corrected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _nearForms = new(StringComparer.Ordinal);

    public DirectoryIndex(DirectoryAnalysis analysis, IEnumerable<CardDocument> cards)
    {
        _analysis = analysis;
        var entries = new List<Entry>();
        foreach (var card in cards)
        {
            var terms = analysis.Terms(card.HelpsWith).Select(t => t.Term).ToList();
            var groups = new HashSet<int>();
            for (var i = 0; i < terms.Count; i++)
                foreach (var (g, _) in analysis.GroupsAt(terms, i)) groups.Add(g);
            var set = terms.ToHashSet(StringComparer.Ordinal);
            foreach (var t in set)
            {
                _frequency[t] = _frequency.GetValueOrDefault(t) + 1;
                if (!_termPostings.TryGetValue(t, out var list)) _termPostings[t] = list = [];
                list.Add(entries.Count);
            }
            foreach (var g in groups)
            {
                if (!_groupPostings.TryGetValue(g, out var list)) _groupPostings[g] = list = [];
                list.Add(entries.Count);
            }
            entries.Add(new Entry(card, set, groups));
        }
        _entries = [.. entries];
        foreach (var t in _frequency.Keys.Concat(analysis.LexiconTerms).Distinct(StringComparer.Ordinal))
        {
            if (!_byLength.TryGetValue(t.Length, out var list)) _byLength[t.Length] = list = [];
            list.Add(t);
        }
    }

    public int Count => _entries.Length;

    /// <summary>
    /// The best cards for a subject, at most <paramref name="take"/>, among those <paramref name="allowed"/> lets through
    /// and, when a region is asked, of that region (or territory).
    /// </summary>
    public IReadOnlyList<DirectoryMatch> Search(string subject, string? region, int take, Func<long, bool>? allowed = null)
    {
        var concepts = Concepts(subject);
        if (concepts.Count == 0 || _entries.Length == 0 || take <= 0) return [];
        var n = _entries.Length;
        // Only the cards holding some concept are read: each concept's postings set its bit on them. The masks are one
        // pooled array per search (a search reaches up to every card: a dictionary of them was most of its cost).
        var masks = ArrayPool<ulong>.Shared.Rent(n);
        var touched = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Array.Clear(masks, 0, n);
            var reached = 0;
            var frequency = new int[concepts.Count];
            for (var c = 0; c < concepts.Count && c < 64; c++)
            {
                var bit = 1UL << c;
                foreach (var posting in Postings(concepts[c]))
                    foreach (var e in posting)
                    {
                        var mask = masks[e];
                        if ((mask & bit) != 0) continue;
                        if (mask == 0) touched[reached++] = e;
                        masks[e] = mask | bit;
                        frequency[c]++;
                    }
            }
            if (reached == 0) return [];

            var weights = new double[concepts.Count];
            for (var c = 0; c < weights.Length; c++)
                weights[c] = frequency[c] == 0 ? 0 : Math.Log(1 + (n - frequency[c] + 0.5) / (frequency[c] + 0.5));
            // A subject word no card holds weighs as much as the heaviest one some card holds: half a question is not enough.
            var heaviest = weights.Max();
            for (var c = 0; c < weights.Length; c++) if (frequency[c] == 0) weights[c] = heaviest;
            var total = weights.Sum();

            var best = new List<Ranked>(take + 1);
            for (var i = 0; i < reached; i++)
            {
                var entry = _entries[touched[i]];
                var mask = masks[touched[i]];
                if (region is not null && !RegionNames.Covers(region, entry.Card.Region, entry.Card.Territory)) continue;
                if (allowed is not null && !allowed(entry.Card.MemberId)) continue;
                double score = 0;
                var count = 0;
                for (var c = 0; c < concepts.Count && c < 64; c++)
                    if ((mask & (1UL << c)) != 0) { score += weights[c]; count++; }
                if (score < MinCoverage * total) continue;
                Keep(best, new Ranked(entry, score, count), take);
            }
            return best.Select(r => new DirectoryMatch(r.Entry.Card, r.Score, r.Count, HighlightOf(r.Entry, concepts))).ToList();
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(masks);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    private readonly record struct Ranked(Entry Entry, double Score, int Count);

    /// <summary>Best first: score, then concepts matched, then member id (a total order: the same cards for the same question).</summary>
    private static bool Before(in Ranked a, in Ranked b) =>
        a.Score != b.Score ? a.Score > b.Score : a.Count != b.Count ? a.Count > b.Count : a.Entry.Card.MemberId < b.Entry.Card.MemberId;

    /// <summary>Inserts in order into the <paramref name="take"/> best so far (a few cards kept, not thousands sorted).</summary>
    private static void Keep(List<Ranked> best, Ranked candidate, int take)
    {
        if (best.Count == take && !Before(candidate, best[^1])) return;
        var at = best.Count;
        while (at > 0 && Before(candidate, best[at - 1])) at--;
        best.Insert(at, candidate);
        if (best.Count > take) best.RemoveAt(best.Count - 1);
    }

    private IEnumerable<List<int>> Postings(Concept concept)
    {
        if (concept.Group is { } g && _groupPostings.TryGetValue(g, out var cards)) yield return cards;
        foreach (var t in concept.Terms)
            if (_termPostings.TryGetValue(t, out var holding)) yield return holding;
    }

    private IReadOnlySet<string> HighlightOf(Entry entry, List<Concept> concepts)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in concepts)
        {
            if (c.Group is { } g && entry.Groups.Contains(g))
                foreach (var v in _analysis.Groups[g]) foreach (var t in v) if (entry.Terms.Contains(t)) set.Add(t);
            foreach (var t in c.Terms) if (entry.Terms.Contains(t)) set.Add(t);
        }
        return set;
    }

    /// <summary>The subject as concepts: frame words dropped, typos corrected, synonym groups found (longest first).</summary>
    private List<Concept> Concepts(string subject)
    {
        var terms = _analysis.Terms(subject).Select(t => t.Term).Where(t => !_analysis.FrameTerms.Contains(t)).Select(Correct).ToList();
        var concepts = new List<Concept>();
        for (var i = 0; i < terms.Count;)
        {
            var (group, length) = _analysis.GroupsAt(terms, i).FirstOrDefault((-1, 0));
            if (length > 0)
            {
                if (concepts.All(c => c.Group != group))
                    concepts.Add(new Concept(group, _analysis.OneWordVariants[group]));
                i += length;
                continue;
            }
            if (terms[i].Length > 1 && concepts.All(c => c.Group is not null || !c.Terms.Contains(terms[i])))
                concepts.Add(new Concept(null, NearForms(terms[i])));
            i++;
        }
        return concepts;
    }

    /// <summary>A term neither the cards nor the lexicon know, replaced by the closest known one (« financment » → « financement »).</summary>
    private string Correct(string term) => Remembered(_corrected, term, static (index, t) => index.Correction(t));

    /// <summary>The term and the cards' terms near it: same start but for a letter, or one slip apart (« essaimage » / « essaimer »).</summary>
    private HashSet<string> NearForms(string term) => Remembered(_nearForms, term, static (index, t) => index.FindNearForms(t));

    /// <summary>
    /// A term's correction or near forms, found once per index: they depend on the index's terms alone, and scanning the
    /// vocabulary for each word of each question was the costliest part of a search after the postings.
    /// </summary>
    private TValue Remembered<TValue>(ConcurrentDictionary<string, TValue> cache, string term, Func<DirectoryIndex, string, TValue> find)
    {
        if (cache.TryGetValue(term, out var known)) return known;
        var found = find(this, term);
        if (cache.Count < TermCacheLimit) cache.TryAdd(term, found);
        return found;
    }

    private string Correction(string term)
    {
        if (_frequency.ContainsKey(term) || _analysis.LexiconTerms.Contains(term) || term.Length < 5 || term.Any(char.IsDigit)) return term;
        var maxEdits = term.Length >= 9 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = -1;
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            if (!_byLength.TryGetValue(length, out var list)) continue;
            foreach (var candidate in list)
            {
                var d = SpellingCorrector.Distance(term, candidate, maxEdits);
                if (d > maxEdits || (d == 2 && (candidate[0] != term[0] || candidate[1] != term[1]))) continue;
                var f = _frequency.GetValueOrDefault(candidate);
                if (d < bestDistance || (d == bestDistance && f > bestFrequency)) (best, bestDistance, bestFrequency) = (candidate, d, f);
            }
        }
        return best ?? term;
    }

    private HashSet<string> FindNearForms(string term)
    {
        var near = new HashSet<string>(StringComparer.Ordinal) { term };
        if (term.Length < 6) return near;
        for (var length = (int)(term.Length * 0.85); length <= (int)Math.Ceiling(term.Length / 0.85); length++)
        {
            if (!_byLength.TryGetValue(length, out var list)) continue;
            foreach (var t in list)
            {
                if (t[0] != term[0] || t[1] != term[1]) continue;
                var shorter = Math.Min(t.Length, term.Length);
                var common = 0;
                while (common < shorter && t[common] == term[common]) common++;
                if (common >= shorter - 1 || SpellingCorrector.Distance(term, t, 1) <= 1) near.Add(t);
            }
        }
        return near;
    }
}
