namespace Communaute.Knowledge.Search;

/// <summary>
/// Lucene 4.8's sloppy phrase scorer for a phrase that repeats a term, step for step: the phrase's terms walk the
/// documents in its cycle, the repeats of a term are kept on distinct positions (a collision moves the lesser one on),
/// and its priority queue is Lucene's heap, since a collision moves a term while it is in the heap and what comes out
/// next then depends on the heap's layout. Rare (most phrases have distinct terms, <see cref="SloppyPhrase"/>), but
/// its scores must be Lucene's like every other clause's.
/// </summary>
internal sealed class RepeatingSloppyPhrase
{
    private sealed class Term(int offset, int start, int end)
    {
        public readonly int Offset = offset, End = end;
        public int Cursor = start - 1, Doc = -1, Position, Count, NextPosition, Group = -1, InGroup;
        public Term Next = null!;
    }

    private readonly Term[] _terms;
    private readonly int[] _documents, _positionStarts, _positions;
    private readonly int _slop;
    private readonly Term[] _heap;
    private int _size;
    private Term _min, _max;
    private int _end;
    private bool _grouped;
    private Term[][] _groups = [];
    private readonly Term[] _stack;

    public RepeatingSloppyPhrase(IReadOnlyList<string> terms, (int Start, int End)[] slices, int[] documents, int[] positionStarts, int[] positions, int slop)
    {
        _documents = documents;
        _positionStarts = positionStarts;
        _positions = positions;
        _slop = slop;
        _terms = new Term[terms.Count];
        for (var i = 0; i < terms.Count; i++) _terms[i] = new Term(i, slices[i].Start, slices[i].End);
        for (var i = 0; i < terms.Count; i++) _terms[i].Next = _terms[(i + 1) % terms.Count];
        _min = _terms[0];
        _max = _terms[^1];
        _heap = new Term[terms.Count + 1];
        _stack = new Term[terms.Count];
        _names = terms;
    }

    private readonly IReadOnlyList<string> _names;

    /// <summary>Every document where the phrase occurs within the slop, with its sloppy frequency, in order.</summary>
    public void Score(Action<int, float> score)
    {
        while (true)
        {
            var target = _max.Doc + 1;
            float freq;
            do
            {
                if (!AdvanceMin(target)) return;
                while (_min.Doc < _max.Doc)
                    if (!AdvanceMin(_max.Doc)) return;
                freq = PhraseFreq();
                target = _min.Doc + 1;
            } while (freq == 0f);
            score(_max.Doc, freq);
        }
    }

    private bool AdvanceMin(int target)
    {
        var t = _min;
        t.Cursor++;
        while (t.Cursor < t.End && _documents[t.Cursor] < target) t.Cursor++;
        if (t.Cursor >= t.End) return false;
        t.Doc = _documents[t.Cursor];
        _min = _min.Next;
        _max = _max.Next;
        return true;
    }

    private static void FirstPosition(Term t, int[] positionStarts)
    {
        t.Count = positionStarts[t.Cursor + 1] - positionStarts[t.Cursor];
        t.NextPosition = positionStarts[t.Cursor];
    }

    private bool NextPosition(Term t)
    {
        if (t.Count-- <= 0) return false;
        t.Position = _positions[t.NextPosition++] - t.Offset;
        return true;
    }

    private float PhraseFreq()
    {
        _end = int.MinValue;
        if (!Init()) return 0f;
        var freq = 0f;
        var t = Pop();
        var matchLength = _end - t.Position;
        var next = _heap[1].Position;
        while (Advance(t))
        {
            if (!AdvanceRepeats(t)) break;
            if (t.Position > next)
            {
                if (matchLength <= _slop) freq += 1.0f / (matchLength + 1);
                Add(t);
                t = Pop();
                next = _heap[1].Position;
                matchLength = _end - t.Position;
            }
            else if (_end - t.Position < matchLength) matchLength = _end - t.Position;
        }
        if (matchLength <= _slop) freq += 1.0f / (matchLength + 1);
        return freq;
    }

    private bool Advance(Term t)
    {
        if (!NextPosition(t)) return false;
        if (t.Position > _end) _end = t.Position;
        return true;
    }

    /// <summary>Lucene's InitFirstTime and InitComplex: each term on its first position, the repeats moved apart, the queue filled.</summary>
    private bool Init()
    {
        for (Term t = _min, prev = null!; prev != _max; t = (prev = t).Next) FirstPosition(t, _positionStarts);
        for (Term t = _min, prev = null!; prev != _max; t = (prev = t).Next) NextPosition(t);
        if (!_grouped)
        {
            _grouped = true;
            _groups = Groups();
        }
        foreach (var group in _groups)
            for (var j = 1; j < group.Length; j++)
                for (var k = 0; k < j; k++)
                    if (!NextPosition(group[j])) return false;
        Clear();
        for (Term t = _min, prev = null!; prev != _max; t = (prev = t).Next)
        {
            if (t.Position > _end) _end = t.Position;
            Add(t);
        }
        return true;
    }

    /// <summary>The terms that repeat one another (the same term), each group by offset in the phrase, in Lucene's order.</summary>
    private Term[][] Groups()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        for (Term t = _min, prev = null!; prev != _max; t = (prev = t).Next)
        {
            var name = _names[t.Offset];
            counts[name] = counts.GetValueOrDefault(name) + 1;
            if (counts[name] == 2) repeated.Add(name);
        }
        var repeating = new List<Term>();
        for (Term t = _min, prev = null!; prev != _max; t = (prev = t).Next)
            if (repeated.Contains(_names[t.Offset])) repeating.Add(t);
        var groups = new List<List<Term>>();
        for (var i = 0; i < repeating.Count; i++)
        {
            var t = repeating[i];
            if (t.Group >= 0) continue;
            var at = t.Position + t.Offset;
            for (var j = i + 1; j < repeating.Count; j++)
            {
                var u = repeating[j];
                if (u.Group >= 0 || u.Offset == t.Offset || u.Position + u.Offset != at) continue;
                if (t.Group < 0)
                {
                    t.Group = groups.Count;
                    groups.Add([t]);
                }
                u.Group = t.Group;
                groups[t.Group].Add(u);
            }
        }
        var result = new Term[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            result[g] = [.. groups[g].OrderBy(t => t.Offset)];
            for (var j = 0; j < result[g].Length; j++) result[g][j].InGroup = j;
        }
        return result;
    }

    /// <summary>
    /// After a repeat moved: while it stands where another repeat of its term stands, the lesser of the two moves on;
    /// those moved inside the queue are taken out and put back, as Lucene does.
    /// </summary>
    private bool AdvanceRepeats(Term t)
    {
        if (t.Group < 0) return true;
        var group = _groups[t.Group];
        var marked = new bool[group.Length];
        var first = t.InGroup;
        int k;
        while ((k = Collide(t)) >= 0)
        {
            t = Lesser(t, group[k]);
            if (!Advance(t)) return false;
            if (k != first) marked[k] = true;
        }
        var n = 0;
        while (marked.Any(m => m))
        {
            var u = Pop();
            _stack[n++] = u;
            if (u.Group >= 0 && u.InGroup < marked.Length && marked[u.InGroup]) marked[u.InGroup] = false;
        }
        for (var i = n - 1; i >= 0; i--) Add(_stack[i]);
        return true;
    }

    private static Term Lesser(Term a, Term b) => a.Position < b.Position || a.Position == b.Position && a.Offset < b.Offset ? a : b;

    private int Collide(Term t)
    {
        var at = t.Position + t.Offset;
        foreach (var u in _groups[t.Group])
            if (u != t && u.Position + u.Offset == at) return u.InGroup;
        return -1;
    }

    // Lucene's PriorityQueue (a heap from index 1) ordered as its PhraseQueue: position, then offset.
    private static bool LessThan(Term a, Term b) => a.Position != b.Position ? a.Position < b.Position : a.Offset < b.Offset;

    private void Clear()
    {
        Array.Clear(_heap);
        _size = 0;
    }

    private void Add(Term t)
    {
        _heap[++_size] = t;
        var i = _size;
        var j = i >> 1;
        while (j > 0 && LessThan(t, _heap[j]))
        {
            _heap[i] = _heap[j];
            i = j;
            j >>= 1;
        }
        _heap[i] = t;
    }

    private Term Pop()
    {
        var result = _heap[1];
        _heap[1] = _heap[_size];
        _heap[_size--] = null!;
        var i = 1;
        var node = _heap[i];
        var j = i << 1;
        var k = j + 1;
        if (k <= _size && LessThan(_heap[k], _heap[j])) j = k;
        while (j <= _size && LessThan(_heap[j], node))
        {
            _heap[i] = _heap[j];
            i = j;
            j = i << 1;
            k = j + 1;
            if (k <= _size && LessThan(_heap[k], _heap[j])) j = k;
        }
        _heap[i] = node;
        return result;
    }
}
