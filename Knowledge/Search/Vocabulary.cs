namespace Communaute.Knowledge.Search;

/// <summary>Every analysed term of the knowledge base with its document frequency and IDF.</summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<int> _documentFrequency = [];
    private readonly Dictionary<(int Length, char First, char Second), List<int>> _byStart = [];
    private readonly Dictionary<(int Length, char Last, char BeforeLast), List<int>> _byEnd = [];
    private int _documents;

    public int Count => _terms.Count;

    /// <summary>The IDF given to a term the base has never seen: rarer than the rarest.</summary>
    public double UnknownIdf => Idf(0) + 1;

    public int GetOrAdd(string term)
    {
        if (_ids.TryGetValue(term, out var id)) return id;
        id = _terms.Count;
        _ids[term] = id;
        _terms.Add(term);
        _documentFrequency.Add(0);
        if (term.Length >= 2)
        {
            Bucket(_byStart, (term.Length, term[0], term[1])).Add(id);
            Bucket(_byEnd, (term.Length, term[^1], term[^2])).Add(id);
        }
        return id;
    }

    public int? Find(string term) => _ids.TryGetValue(term, out var id) ? id : null;

    public bool Contains(string term) => _ids.ContainsKey(term);

    internal void CountDocument(IEnumerable<int> distinctTermIds)
    {
        _documents++;
        foreach (var id in distinctTermIds) _documentFrequency[id]++;
    }

    public int DocumentFrequency(string term) => _ids.TryGetValue(term, out var id) ? _documentFrequency[id] : 0;

    /// <summary>BM25's IDF: ln(1 + (N − df + 0.5) / (df + 0.5)).</summary>
    public double Idf(string term) => Idf(DocumentFrequency(term));

    private double Idf(int df) => Math.Log(1 + (_documents - df + 0.5) / (df + 0.5));

    /// <summary>
    /// The terms near a long term: same first letter, lengths within 15 %, and one the other's start but for a letter,
    /// or one edit apart (a conjugation or a slip the light stemmer does not join: "soutient" / "soutien").
    /// Either way they share their first two letters or, one edit apart, their last two: only those buckets are read.
    /// </summary>
    public IReadOnlySet<string> NearForms(string term)
    {
        if (term.Length < 6) return NoForms;
        // The terms of the base and of the curated synonyms come back in question after question: theirs are remembered.
        if (_nearForms.TryGetValue(term, out var known)) return known;
        var near = FindNearForms(term);
        if (_nearForms.Count < NearFormsRemembered) _nearForms.TryAdd(term, near);
        return near;
    }

    private const int NearFormsRemembered = 100_000;
    private static readonly HashSet<string> NoForms = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> _nearForms = new(StringComparer.Ordinal);

    private HashSet<string> FindNearForms(string term)
    {
        var near = new HashSet<string>(StringComparer.Ordinal);
        for (var length = (int)(term.Length * 0.85); length <= (int)Math.Ceiling(term.Length / 0.85); length++)
        {
            foreach (var id in StartingWith(length, term[0], term[1])) AddIfNear(_terms[id]);
            if (Math.Abs(length - term.Length) <= 1)
                foreach (var id in EndingWith(length, term[^1], term[^2])) AddIfNear(_terms[id]);
        }
        return near;

        void AddIfNear(string t)
        {
            var (shorter, longer) = t.Length <= term.Length ? (t.Length, term.Length) : (term.Length, t.Length);
            if (shorter < 0.85 * longer || t[0] != term[0]) return;
            var common = 0;
            while (common < shorter && t[common] == term[common]) common++;
            if (common >= shorter - 1 || SpellingCorrector.Distance(term, t, 1) <= 1) near.Add(t);
        }
    }

    private static List<int> Bucket<TKey>(Dictionary<TKey, List<int>> buckets, TKey key) where TKey : notnull
    {
        if (!buckets.TryGetValue(key, out var list)) buckets[key] = list = [];
        return list;
    }

    public string Term(int id) => _terms[id];

    public int DocumentFrequency(int id) => _documentFrequency[id];

    /// <summary>Ids of the terms of this length that start with these two letters, in the order they were added (for spelling correction).</summary>
    internal IReadOnlyList<int> StartingWith(int length, char first, char second) =>
        _byStart.TryGetValue((length, first, second), out var l) ? l : [];

    /// <summary>Ids of the terms of this length that end with these two letters (<paramref name="last"/> last), in the order they were added.</summary>
    internal IReadOnlyList<int> EndingWith(int length, char last, char beforeLast) =>
        _byEnd.TryGetValue((length, last, beforeLast), out var l) ? l : [];
}
