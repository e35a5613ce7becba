namespace Communaute.Knowledge.Search;

/// <summary>
/// Maps a query term the base does not know to the closest known term (Damerau–Levenshtein),
/// so "socilae" finds "social". Short words are left alone: a two-letter slip there is another word.
/// </summary>
public static class SpellingCorrector
{
    /// <summary>
    /// The closest term within one edit (two from nine letters, when the first two letters agree); ties go to the term
    /// in more entries, then to the shorter, then to the first added. Only the vocabulary's buckets that can hold such a
    /// term are read: one slip in a term of four letters or more leaves its first two letters or its last two in place.
    /// </summary>
    public static string? Correct(string term, Vocabulary vocabulary)
    {
        if (term.Length < 5 || term.Any(char.IsDigit)) return null;
        var maxEdits = term.Length >= 9 ? 2 : 1;
        var best = new Candidate(-1, int.MaxValue, -1, int.MaxValue);
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            foreach (var id in vocabulary.StartingWith(length, term[0], term[1])) Consider(id);
            if (Math.Abs(length - term.Length) <= 1)
                foreach (var id in vocabulary.EndingWith(length, term[^1], term[^2])) Consider(id);
        }
        return best.Id < 0 ? null : vocabulary.Term(best.Id);

        void Consider(int id)
        {
            var candidate = vocabulary.Term(id);
            var d = Distance(term, candidate, maxEdits);
            if (d > maxEdits) return;
            // Two edits away is another word more often than a slip, unless the start agrees.
            if (d == 2 && (candidate[0] != term[0] || candidate[1] != term[1])) return;
            var c = new Candidate(id, d, vocabulary.DocumentFrequency(id), candidate.Length);
            if (c.IsBetterThan(best)) best = c;
        }
    }

    private readonly record struct Candidate(int Id, int Distance, int Frequency, int Length)
    {
        public bool IsBetterThan(Candidate other) =>
            Distance != other.Distance ? Distance < other.Distance
            : Frequency != other.Frequency ? Frequency > other.Frequency
            : Length != other.Length ? Length < other.Length
            : Id < other.Id;
    }

    /// <summary>Optimal string alignment distance, giving up early once it exceeds <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var width = b.Length + 1;
        Span<int> rows = width <= 128 ? stackalloc int[3 * width] : new int[3 * width];
        for (var j = 0; j <= b.Length; j++) rows[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var prev2 = rows.Slice((i + 1) % 3 * width, width);
            var prev = rows.Slice((i + 2) % 3 * width, width);
            var cur = rows.Slice(i % 3 * width, width);
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit) return limit + 1;
        }
        return rows[a.Length % 3 * width + b.Length];
    }
}
