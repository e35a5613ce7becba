using System.Text.RegularExpressions;
using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Search;

namespace Communaute.Knowledge.Answering;

/// <summary>Keeps the sentences of a passage that answer the question, in their order, within a length.</summary>
public static partial class SentenceSelector
{
    /// <param name="holdsDetail">For a question that asks a detail (a figure, a date), whether a sentence holds it: those come first.</param>
    public static string Select(string passage, AnalysedQuery query, FrenchTextAnalyzer analyzer, int maxLength, Func<string, bool>? holdsDetail = null)
    {
        if (passage.Length <= maxLength) return passage;

        var units = Units(passage);
        var scores = units.Select(u =>
        {
            var terms = analyzer.CachedTerms(u.TrimStart('\n'));
            var score = query.Concepts.Where(c => c.Variants.Any(v => v.All(terms.Contains))).Sum(c => c.Weight);
            return holdsDetail is not null && holdsDetail(u) ? score + query.TotalWeight : score;
        }).ToArray();

        // The lead sentence usually states the key fact; then the best-scoring window around the best unit.
        var best = Array.IndexOf(scores, scores.Max());
        var chosen = new SortedSet<int> { best };
        var length = units[best].Length;
        if (best != 0 && units[0].Length + length <= maxLength) { chosen.Add(0); length += units[0].Length; }
        for (var step = 1; step < units.Count; step++)
        {
            foreach (var i in new[] { best + step, best - step })
            {
                if (i < 0 || i >= units.Count || chosen.Contains(i)) continue;
                if (length + units[i].Length > maxLength) continue;
                chosen.Add(i);
                length += units[i].Length;
            }
        }

        var parts = new List<string>();
        var previous = -1;
        foreach (var i in chosen)
        {
            if (previous >= 0 && i > previous + 1) parts.Add("…");
            parts.Add(units[i]);
            previous = i;
        }
        if (previous < units.Count - 1) parts.Add("…");
        return Join(parts);
    }

    /// <summary>Sentences and list lines; a unit that starts a line is kept on its own line when quoted.</summary>
    private static List<string> Units(string passage)
    {
        var units = new List<string>();
        foreach (var line in passage.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var sentences = SentenceEnd().Split(line.Trim()).Where(x => x.Length > 0).ToList();
            for (var i = 0; i < sentences.Count; i++)
                units.Add(i == 0 ? "\n" + sentences[i] : sentences[i]);
        }
        return units;
    }

    private static string Join(List<string> parts)
    {
        var text = new System.Text.StringBuilder();
        foreach (var p in parts)
        {
            if (p.StartsWith('\n')) text.Append(p);
            else text.Append(' ').Append(p);
        }
        return MultiSpace().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«""0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex MultiSpace();
}
