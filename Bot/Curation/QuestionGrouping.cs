using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Curation;

/// <summary>When two unanswered questions ask the same thing: their analysed words, compared as sets.</summary>
public static class QuestionGrouping
{
    /// <summary>Share of words in common (Jaccard) from which two questions are one group.</summary>
    public const double SameQuestion = 0.5;

    /// <summary>The question's words as the search read them (spelling, elisions, synonyms resolved), sorted.</summary>
    public static string Key(KnowledgeAnswer answer)
    {
        var concepts = answer.Decision?.Reading.Query.Concepts ?? [];
        var terms = concepts.Select(c => string.Join('_', c.Variants[0])).Distinct().Order(StringComparer.Ordinal);
        var key = string.Join(' ', terms);
        return key.Length > 500 ? key[..500] : key;
    }

    public static double Similarity(string a, string b)
    {
        var x = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var y = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (x.Count == 0 || y.Count == 0) return 0;
        var common = x.Count(y.Contains);
        return (double)common / (x.Count + y.Count - common);
    }
}
