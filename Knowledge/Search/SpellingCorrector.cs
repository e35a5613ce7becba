namespace Communaute.Knowledge.Search;

/// <summary>
/// Maps a query term the base does not know to the closest known term (Damerau–Levenshtein),
/// so "socilae" finds "social". Short words are left alone: a two-letter slip there is another word.
/// </summary>
public static class SpellingCorrector
{
    public static string? Correct(string term, Vocabulary vocabulary)
    {
        if (term.Length < 5 || term.Any(char.IsDigit)) return null;
        var maxEdits = term.Length >= 9 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = -1;
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            foreach (var candidate in vocabulary.TermsOfLength(length))
            {
                var d = Distance(term, candidate, maxEdits);
                if (d > maxEdits) continue;
                // Two edits away is another word more often than a slip, unless the start agrees.
                if (d == 2 && (candidate[0] != term[0] || candidate[1] != term[1])) continue;
                var df = vocabulary.DocumentFrequency(candidate);
                if (d < bestDistance || (d == bestDistance && df > bestFrequency))
                    (best, bestDistance, bestFrequency) = (candidate, d, df);
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance, giving up early once it exceeds <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var rows = new int[3][];
        for (var i = 0; i < 3; i++) rows[i] = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) rows[0][j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var (prev2, prev, cur) = (rows[(i + 1) % 3], rows[(i + 2) % 3], rows[i % 3]);
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
        return rows[a.Length % 3][b.Length];
    }
}
