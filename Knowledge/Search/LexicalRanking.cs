using System.Buffers;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Communaute.Knowledge.Analysis;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Communaute.Knowledge.Search;

/// <summary>One clause of the lexical query: a term, or a phrase of terms within <see cref="Slop"/> positions, in one field.</summary>
internal readonly record struct LexicalClause(string Field, IReadOnlyList<string> Terms, float Boost, int Slop);

/// <summary>
/// The ranking Lucene gives a Boolean query of optional BM25 term and sloppy-phrase clauses, computed from postings
/// built from the entries' analyses: the same scores to the last bit (the same norms and IDFs, from Lucene's own
/// functions; the same float operations; clause scores added in double in the order Lucene's BooleanScorer adds them,
/// last clause first; ties to the lower document), without writing a Lucene index, which took most of the time and
/// memory of indexing a large base, nor building a Lucene weight and scorer for every clause of every question.
/// Its loops, and those of the search around it, are compiled optimised from the first call (AggressiveOptimization):
/// a bot answering a few questions a minute reaches tiered compilation's optimised code late, and they are most of a
/// question's time.
/// </summary>
internal sealed class LexicalRanking
{
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

    /// <summary>
    /// Takes the documents' analysed fields in order (document d is the d-th added) and makes the postings Lucene would
    /// have written: positions as Lucene's inverter counts them (the increments added, from 0), a field's length its
    /// number of terms.
    /// </summary>
    public sealed class Builder(IReadOnlyList<string> fields)
    {
        private readonly FieldTokens[] _tokens = [.. fields.Select(_ => new FieldTokens())];
        private int _documents;

        /// <summary>Every term of one field, as they came: term id, document, position; and each document's length.</summary>
        internal sealed class FieldTokens
        {
            /// <summary>Per term of the analyser's pool, its id in the field plus one (0: not in the field yet).</summary>
            public int[] Ids = new int[1024];
            public readonly List<string> Terms = [];
            public int[] Term = new int[1024], Document = new int[1024], Position = new int[1024];
            public int Count;
            public readonly List<int> Lengths = [];
        }

        public void Add(IReadOnlyList<IReadOnlyList<AnalysedText>> document)
        {
            var doc = _documents++;
            for (var f = 0; f < _tokens.Length; f++)
            {
                var field = _tokens[f];
                var position = -1;
                var length = 0;
                foreach (var text in document[f])
                {
                    if (field.Count + text.Terms.Length > field.Term.Length)
                    {
                        var size = Math.Max(field.Term.Length * 2, field.Count + text.Terms.Length);
                        Array.Resize(ref field.Term, size);
                        Array.Resize(ref field.Document, size);
                        Array.Resize(ref field.Position, size);
                    }
                    for (var t = 0; t < text.Terms.Length; t++)
                    {
                        position += text.Increments[t];
                        var pooled = text.Ids[t];
                        if (pooled >= field.Ids.Length) Array.Resize(ref field.Ids, Math.Max(field.Ids.Length * 2, pooled + 1));
                        var id = field.Ids[pooled] - 1;
                        if (id < 0)
                        {
                            id = field.Terms.Count;
                            field.Ids[pooled] = id + 1;
                            field.Terms.Add(text.Terms[t]);
                        }
                        field.Term[field.Count] = id;
                        field.Document[field.Count] = doc;
                        field.Position[field.Count] = position;
                        field.Count++;
                        length++;
                    }
                    position += text.FinalIncrement;
                }
                field.Lengths.Add(length);
            }
        }

        public LexicalRanking Build() => new(fields, _tokens, _documents);

        /// <summary>Each term's postings, terms in the order first met, documents and positions ascending.</summary>
        internal static (Dictionary<string, (int Start, int Count)> Slices, int[] Documents, int[] PositionStarts, int[] Positions, long SumDocFreq)
            Postings(IReadOnlyList<string> terms, int[] term, int[] document, int[] position, int count)
        {
            // A counting sort by term keeps each term's tokens in the order they came: by document, then position.
            var starts = new int[terms.Count + 1];
            for (var i = 0; i < count; i++) starts[term[i] + 1]++;
            for (var t = 0; t < terms.Count; t++) starts[t + 1] += starts[t];
            var order = new int[count];
            var next = (int[])starts.Clone();
            for (var i = 0; i < count; i++) order[next[term[i]]++] = i;
            var documents = new List<int>();
            var positionStarts = new List<int>();
            var positions = new int[count];
            var slices = new Dictionary<string, (int, int)>(terms.Count, StringComparer.Ordinal);
            long sumDocFreq = 0;
            for (var t = 0; t < terms.Count; t++)
            {
                var first = documents.Count;
                for (var k = starts[t]; k < starts[t + 1]; k++)
                {
                    var i = order[k];
                    if (documents.Count == first || documents[^1] != document[i])
                    {
                        documents.Add(document[i]);
                        positionStarts.Add(k);
                    }
                    positions[k] = position[i];
                }
                slices[terms[t]] = (first, documents.Count - first);
                sumDocFreq += documents.Count - first;
            }
            positionStarts.Add(count);
            return (slices, [.. documents], [.. positionStarts], positions, sumDocFreq);
        }
    }

    private LexicalRanking(IReadOnlyList<string> names, IReadOnlyList<Builder.FieldTokens> tokens, int documents)
    {
        _documents = documents;
        var bm25 = new Bm25();
        _k1Plus1 = bm25.K1 + 1;
        for (var f = 0; f < names.Count; f++)
        {
            var field = tokens[f];
            var (slices, docs, positionStarts, positions, sumDocFreq) = Builder.Postings(field.Terms, field.Term, field.Document, field.Position, field.Count);
            field.Term = field.Document = field.Position = field.Ids = [];
            var statistics = new CollectionStatistics(names[f], documents, field.Lengths.Count(l => l > 0), field.Count, sumDocFreq);
            var averageLength = bm25.AverageLength(statistics);
            var norms = new float[documents];
            for (var doc = 0; doc < documents; doc++)
            {
                var norm = bm25.ComputeNorm(new FieldInvertState(names[f], field.Lengths[doc], field.Lengths[doc], 0, 0, 1f));
                norms[doc] = bm25.K1 * ((1 - bm25.B) + bm25.B * bm25.DecodeNorm((byte)norm) / averageLength);
            }
            var terms = new Dictionary<string, TermSlice>(slices.Count, StringComparer.Ordinal);
            foreach (var (term, (start, count)) in slices)
                terms[term] = new TermSlice(bm25.InverseFrequency(count, documents), start, count);
            _fields[names[f]] = new FieldData(terms, docs, positionStarts, positions, norms);
        }
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
        var phraseWeight = Weight(idf, clause.Boost);
        if (RepeatsATerm(clause.Terms))
        {
            AddRepeating(clause, field, terms, phraseWeight, sums);
            return;
        }
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

    /// <summary>A phrase that repeats a term ("accompagner l'accompagnement"), scored as Lucene's sloppy phrase scorer does it.</summary>
    private void AddRepeating(LexicalClause clause, FieldData field, TermSlice[] terms, float weight, double[] sums)
    {
        var phrase = new RepeatingSloppyPhrase(clause.Terms, terms.Select(t => (t.Start, t.End)).ToArray(), field.Documents, field.PositionStarts, field.Positions, clause.Slop);
        phrase.Score((doc, freq) => sums[doc] += Score(weight, freq, field.Norms[doc]));
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
