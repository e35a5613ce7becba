using Communaute.Knowledge;
using Communaute.Knowledge.Model;

namespace Communaute.Dialogs.Characterisation;

/// <summary>Entries of the knowledge base (support schemes, funding, examples) relevant to the criteria to work on.</summary>
public static class KnowledgeSuggestions
{
    public static IReadOnlyList<(Criterion Criterion, KnowledgeEntry Entry)> For(KnowledgeService knowledge, IReadOnlyList<Target> targets, int perCriterion = 2)
    {
        var index = knowledge.Current.Answerer.Index;
        var seen = new HashSet<string>();
        var found = new List<(Criterion, KnowledgeEntry)>();
        foreach (var target in targets)
        {
            var query = index.QueryAnalyzer.Analyse($"{target.Criterion.Name} {target.Criterion.SearchTerms}");
            if (query.IsEmpty) continue;
            var hits = index.Search(query, 12)
                .Where(h => !IsGridEntry(h.Entry) && seen.Add(h.Entry.Id))
                .Take(perCriterion);
            found.AddRange(hits.Select(h => (target.Criterion, h.Entry)));
        }
        return found;
    }

    // The grid's own descriptors are already in the result; quizzes are not advice.
    private static bool IsGridEntry(KnowledgeEntry entry) =>
        entry.Id.Contains("/grille-", StringComparison.Ordinal) || entry.Id.Contains("/quiz-", StringComparison.Ordinal);
}
