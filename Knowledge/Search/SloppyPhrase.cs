using System.Runtime.CompilerServices;

namespace Communaute.Knowledge.Search;

/// <summary>
/// How often a phrase of distinct terms occurs in a document within a slop, as Lucene's sloppy phrase scorer counts
/// it: each term's position is taken relative to its place in the phrase; the term furthest behind moves forward
/// while the span it closes is shortened; each span of at most <c>slop</c> counts 1 / (length + 1).
/// </summary>
internal sealed class SloppyPhrase(int length, int slop)
{
    private readonly int[][] _positions = new int[length][];
    private readonly int[] _next = new int[length];
    private readonly int[] _end = new int[length];
    private readonly int[] _at = new int[length];
    private readonly bool[] _waiting = new bool[length];

    /// <summary>The positions of the phrase's <paramref name="term"/>-th term in the document: positions[from..to).</summary>
    public void Place(int term, int[] positions, int from, int to)
    {
        _positions[term] = positions;
        _next[term] = from;
        _end[term] = to;
    }

    // Compiled optimised from the first call (here and below), as LexicalRanking explains.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Frequency()
    {
        var end = int.MinValue;
        for (var t = 0; t < length; t++)
        {
            Advance(t, ref end);
            _waiting[t] = true;
        }
        var freq = 0f;
        var behind = TakeFirst();
        var span = end - _at[behind];
        var nextAt = _at[First()];
        while (Advance(behind, ref end))
        {
            if (_at[behind] > nextAt)
            {
                if (span <= slop) freq += SlopFactor(span);
                _waiting[behind] = true;
                behind = TakeFirst();
                nextAt = _at[First()];
                span = end - _at[behind];
            }
            else if (end - _at[behind] < span) span = end - _at[behind];
        }
        if (span <= slop) freq += SlopFactor(span);
        return freq;
    }

    private static float SlopFactor(int distance) => 1.0f / (distance + 1);

    /// <summary>Moves a term to its next position (relative to its place in the phrase); false when it has none left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Advance(int term, ref int end)
    {
        if (_next[term] >= _end[term]) return false;
        _at[term] = _positions[term][_next[term]++] - term;
        if (_at[term] > end) end = _at[term];
        return true;
    }

    /// <summary>The waiting term furthest behind (ties: the earlier in the phrase).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int First()
    {
        var first = -1;
        for (var t = 0; t < length; t++)
            if (_waiting[t] && (first < 0 || _at[t] < _at[first])) first = t;
        return first;
    }

    private int TakeFirst()
    {
        var first = First();
        _waiting[first] = false;
        return first;
    }
}
