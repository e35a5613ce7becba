namespace Communaute.Knowledge.Search;

/// <summary>Every analysed term of the knowledge base with its document frequency and IDF.</summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<int> _documentFrequency = [];
    private readonly Dictionary<int, List<string>> _byLength = [];
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
        if (!_byLength.TryGetValue(term.Length, out var list)) _byLength[term.Length] = list = [];
        list.Add(term);
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

    /// <summary>Terms of the given length, for spelling correction.</summary>
    internal IReadOnlyList<string> TermsOfLength(int length) => _byLength.TryGetValue(length, out var l) ? l : [];
}
