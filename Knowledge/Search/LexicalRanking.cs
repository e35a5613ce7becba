using System.Buffers;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Communaute.Knowledge.Search;

/// <summary>One clause of the lexical query: a term, or a phrase of terms within <see cref="Slop"/> positions, in one field.</summary>
internal readonly record struct LexicalClause(string Field, IReadOnlyList<string> Terms, float Boost, int Slop);

/// <summary>
/// The ranking Lucene gives a Boolean query of optional BM25 term and sloppy-phrase clauses, computed from the
/// postings read once from the Lucene index: the same scores to the last bit (the same float operations; clause scores
/// added in double in the order Lucene's BooleanScorer adds them, last clause first; ties to the lower document), but
/// without building a Lucene weight and scorer for every clause of every question, which took most of the time and
/// memory of a search. A phrase that repeats a term is left to Lucene (its scorer handles repeats specially).
/// Its loops, and those of the search around it, are compiled optimised from the first call (AggressiveOptimization):
/// a bot answering a few questions a minute reaches tiered compilation's optimised code late, and they are most of a
/// question's time.
/// </summary>
internal sealed class LexicalRanking
{
    private readonly IndexSearcher _searcher;
    private readonly int _documents;
    private readonly Dictionary<string, FieldData> _fields = new(StringComparer.Ordinal);
    private readonly float _k1Plus1;

    /// <summary>
    /// One field's postings, all terms in flat arrays (one object per term would weigh more than the postings on a
    /// large base): a term's postings are <see cref="Documents"/>[start, start + count), and the positions of posting p
    /// are <see cref="Positions"/>[PositionStarts[p], PositionStarts[p + 1]).
    /// </summary>
    private sealed class FieldData(Dictionary<string, TermSlice> terms, int[] documents, int[] positionStarts, int[] positions, float[] norms)
    {
        public Dictionary<string, TermSlice> Terms { get; } = terms;
        public int[] Documents { get; } = documents;
        public int[] PositionStarts { get; } = positionStarts;
        public int[] Positions { get; } = positions;

        /// <summary>Per document, BM25's length part of the denominator: k1 · (1 − b + b · length / average length).</summary>
        public float[] Norms { get; } = norms;

        public int Frequency(int posting) => PositionStarts[posting + 1] - PositionStarts[posting];
    }

    /// <summary>Where a term's postings are in its field's arrays, and its IDF.</summary>
    private readonly record struct TermSlice(float Idf, int Start, int Count)
    {
        public int End => Start + Count;
    }

    /// <summary>BM25 as Lucene computes it, its protected parts made callable.</summary>
    private sealed class Bm25 : BM25Similarity
    {
        public float DecodeNorm(byte b) => DecodeNormValue(b);
        public float InverseFrequency(long docFreq, long documents) => Idf(docFreq, documents);
        public float AverageLength(CollectionStatistics statistics) => AvgFieldLength(statistics);
    }

    public LexicalRanking(IndexSearcher searcher, IEnumerable<string> fields)
    {
        _searcher = searcher;
        var reader = searcher.IndexReader;
        _documents = reader.MaxDoc;
        if (searcher.Similarity is not BM25Similarity { K1: var k1, B: var b })
            throw new InvalidOperationException("The lexical ranking reproduces BM25 only.");
        var bm25 = new Bm25();
        if (bm25.K1 != k1 || bm25.B != b) throw new InvalidOperationException("The lexical ranking reproduces BM25 with its default parameters only.");
        _k1Plus1 = k1 + 1;
        foreach (var field in fields)
        {
            var averageLength = bm25.AverageLength(searcher.CollectionStatistics(field));
            var byNorm = new float[256];
            for (var i = 0; i < byNorm.Length; i++) byNorm[i] = k1 * ((1 - b) + b * bm25.DecodeNorm((byte)i) / averageLength);
            var normValues = MultiDocValues.GetNormValues(reader, field);
            var norms = new float[_documents];
            for (var doc = 0; doc < _documents; doc++)
                norms[doc] = normValues is null ? k1 : byNorm[(sbyte)normValues.Get(doc) & 0xFF];
            _fields[field] = ReadPostings(reader, field, bm25, norms);
        }
    }

    private FieldData ReadPostings(IndexReader reader, string field, Bm25 bm25, float[] norms)
    {
        var slices = new Dictionary<string, TermSlice>(StringComparer.Ordinal);
        var documents = new List<int>();
        var starts = new List<int>();
        var positions = new List<int>();
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is not null)
        {
            var liveDocs = MultiFields.GetLiveDocs(reader);
            var enumerator = terms.GetEnumerator();
            DocsAndPositionsEnum? positionsEnum = null;
            while (enumerator.MoveNext())
            {
                var start = documents.Count;
                positionsEnum = enumerator.DocsAndPositions(liveDocs, positionsEnum);
                int doc;
                while ((doc = positionsEnum.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    documents.Add(doc);
                    starts.Add(positions.Count);
                    for (var k = positionsEnum.Freq; k > 0; k--) positions.Add(positionsEnum.NextPosition());
                }
                var idf = bm25.InverseFrequency(enumerator.DocFreq, _documents);
                slices[enumerator.Term.Utf8ToString()] = new TermSlice(idf, start, documents.Count - start);
            }
        }
        starts.Add(positions.Count);
        return new FieldData(slices, [.. documents], [.. starts], [.. positions], norms);
    }

    /// <summary>True when the field holds every one of the terms (else a clause on them matches nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Holds(string field, IReadOnlyList<string> terms)
    {
        var held = _fields[field].Terms;
        foreach (var t in terms)
            if (!held.ContainsKey(t)) return false;
        return true;
    }

    /// <summary>The best documents for the clauses, best first (ties: lower document first), as Lucene's TopDocs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ScoreDoc[] Top(IReadOnlyList<LexicalClause> clauses, int count)
    {
        var sums = ArrayPool<double>.Shared.Rent(_documents);
        try
        {
            Array.Clear(sums, 0, _documents);
            // Lucene's BooleanScorer keeps its clauses in a list built by prepending: it adds the last clause's score first.
            for (var c = clauses.Count - 1; c >= 0; c--) Add(clauses[c], sums);
            return Best(sums, count);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(LexicalClause clause, double[] sums)
    {
        var field = _fields[clause.Field];
        var documents = field.Documents;
        if (clause.Terms.Count == 1)
        {
            if (!field.Terms.TryGetValue(clause.Terms[0], out var slice)) return;
            var weight = Weight(slice.Idf, clause.Boost);
            for (var p = slice.Start; p < slice.End; p++)
            {
                var doc = documents[p];
                sums[doc] += Score(weight, field.Frequency(p), field.Norms[doc]);
            }
            return;
        }

        var terms = new TermSlice[clause.Terms.Count];
        var idf = 0f;
        for (var t = 0; t < terms.Length; t++)
        {
            if (!field.Terms.TryGetValue(clause.Terms[t], out var slice)) return;
            terms[t] = slice;
            idf += slice.Idf;
        }
        if (RepeatsATerm(clause.Terms))
        {
            AddWithLucene(clause, sums);
            return;
        }
        var phraseWeight = Weight(idf, clause.Boost);
        var phrase = new SloppyPhrase(terms.Length, clause.Slop);
        var cursors = new int[terms.Length];
        for (var t = 0; t < terms.Length; t++) cursors[t] = terms[t].Start;
        // The documents holding every term, walked in step (each term's documents are in increasing order).
        for (var target = 0; ;)
        {
            var together = true;
            for (var t = 0; t < terms.Length && together; t++)
            {
                var end = terms[t].End;
                while (cursors[t] < end && documents[cursors[t]] < target) cursors[t]++;
                if (cursors[t] == end) return;
                if (documents[cursors[t]] > target) (target, together) = (documents[cursors[t]], false);
            }
            if (!together) continue;
            for (var t = 0; t < terms.Length; t++)
                phrase.Place(t, field.Positions, field.PositionStarts[cursors[t]], field.PositionStarts[cursors[t] + 1]);
            var freq = phrase.Frequency();
            if (freq != 0f) sums[target] += Score(phraseWeight, freq, field.Norms[target]);
            target++;
        }
    }

    private static bool RepeatsATerm(IReadOnlyList<string> terms)
    {
        for (var i = 1; i < terms.Count; i++)
            for (var j = 0; j < i; j++)
                if (terms[i] == terms[j]) return true;
        return false;
    }

    /// <summary>Lucene's own scorer for a phrase that repeats a term ("accompagner l'accompagnement").</summary>
    private void AddWithLucene(LexicalClause clause, double[] sums)
    {
        var query = new PhraseQuery { Slop = clause.Slop, Boost = clause.Boost };
        foreach (var t in clause.Terms) query.Add(new Term(clause.Field, t));
        var weight = _searcher.CreateNormalizedWeight(query);
        foreach (var leaf in _searcher.IndexReader.Leaves)
        {
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            if (scorer is null) continue;
            int doc;
            while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) sums[leaf.DocBase + doc] += scorer.GetScore();
        }
    }

    /// <summary>BM25's query part, as Lucene's BM25Stats and BM25DocScorer compute it: idf · boost · (k1 + 1).</summary>
    private float Weight(float idf, float boost)
    {
        var weight = idf * boost;
        return weight * _k1Plus1;
    }

    private static float Score(float weight, float freq, float norm) => weight * freq / (freq + norm);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ScoreDoc[] Best(double[] sums, int count)
    {
        // A worst-first heap of the best so far: lower score, then higher document, is worse.
        var best = new PriorityQueue<ScoreDoc, (float Score, int Doc)>(count + 1, WorstFirst.Instance);
        for (var doc = 0; doc < _documents; doc++)
        {
            if (sums[doc] == 0) continue;
            var score = (float)sums[doc];
            if (best.Count < count) best.Enqueue(new ScoreDoc(doc, score), (score, doc));
            else if (best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((score, doc), worst) > 0)
                best.EnqueueDequeue(new ScoreDoc(doc, score), (score, doc));
        }
        var result = new ScoreDoc[best.Count];
        for (var i = result.Length - 1; i >= 0; i--) result[i] = best.Dequeue();
        return result;
    }

    private sealed class WorstFirst : IComparer<(float Score, int Doc)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }
}
