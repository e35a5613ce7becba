using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// A base N times the size of the bundled one, for measuring how latency grows: each entry is copied
/// with a distinct id and a few invented words, so the vocabulary and the postings grow as well.
/// </summary>
public static class SyntheticKnowledge
{
    public static IReadOnlyList<KnowledgeEntry> Scale(IReadOnlyList<KnowledgeEntry> entries, int factor)
    {
        var random = new Random(42);
        var result = new List<KnowledgeEntry>(entries.Count * factor);
        result.AddRange(entries);
        for (var copy = 1; copy < factor; copy++)
        {
            foreach (var e in entries)
            {
                var noise = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Word(random)));
                result.Add(e with
                {
                    Id = $"{e.Id}~{copy}",
                    Title = $"{e.Title} ({Word(random)})",
                    Body = e.Body + "\n\n" + noise,
                    PlainBody = e.PlainBody + "\n\n" + noise,
                });
            }
        }
        return result;
    }

    private static string Word(Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return new string(Enumerable.Range(0, random.Next(5, 10)).Select(_ => letters[random.Next(letters.Length)]).ToArray());
    }

    public static KnowledgeLoadResult Load(string folder) => KnowledgeFolderLoader.Load(folder);
}
