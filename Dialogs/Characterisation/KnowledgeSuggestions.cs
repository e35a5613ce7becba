using Communaute.Knowledge;
using Communaute.Knowledge.Model;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// Entries of the knowledge base (support schemes, funding, examples) about the criteria to work on: searched with the
/// criterion's own terms (not its name, whose words — "place", "enjeux", "dispositif" — are everywhere), and kept only
/// when the entry's title is about them.
/// </summary>
public static class KnowledgeSuggestions
{
    /// <summary>Part of the criterion's terms (weighted by rarity) the entry's title must contain.</summary>
    private const double MinTitleCoverage = 0.2;

    public static IReadOnlyList<(Criterion Criterion, KnowledgeEntry Entry)> For(KnowledgeService knowledge, IReadOnlyList<Target> targets, int perCriterion = 2)
    {
        var index = knowledge.Current.Answerer.Index;
        var seen = new HashSet<string>();
        var found = new List<(Criterion, KnowledgeEntry)>();
        foreach (var target in targets)
        {
            var terms = string.IsNullOrWhiteSpace(target.Criterion.SearchTerms) ? target.Criterion.Name : target.Criterion.SearchTerms;
            var query = index.QueryAnalyzer.Analyse(terms);
            if (query.IsEmpty) continue;
            var hits = index.Search(query, 12)
                .Where(h => !IsGridEntry(h.Entry) && h.TitleCoverage >= MinTitleCoverage && seen.Add(h.Entry.Id))
                .Take(perCriterion);
            found.AddRange(hits.Select(h => (target.Criterion, h.Entry)));
        }
        return found;
    }

    // The grid's own descriptors are already in the result; quizzes are not advice.
    private static bool IsGridEntry(KnowledgeEntry entry) =>
        entry.Id.Contains("/grille-", StringComparison.Ordinal) || entry.Id.Contains("/quiz-", StringComparison.Ordinal);
}
