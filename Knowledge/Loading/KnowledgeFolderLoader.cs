using Communaute.Knowledge.Model;

namespace Communaute.Knowledge.Loading;

/// <summary>The entries of a knowledge folder, and the files that could not be read.</summary>
public sealed record KnowledgeLoadResult(IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<LoadProblem> Problems, Lexicon Lexicon)
{
    public SynonymTable Synonyms => Lexicon.Synonyms;
}

/// <summary>Reads every Markdown file under the knowledge folder (README.md excepted) and the word lists (<see cref="Lexicon"/>).</summary>
public static class KnowledgeFolderLoader
{
    public static KnowledgeLoadResult Load(string folder)
    {
        if (!Directory.Exists(folder))
            return new([], [new LoadProblem(folder, 0, "dossier de connaissances introuvable")], Lexicon.Empty);

        var entries = new List<KnowledgeEntry>();
        var problems = new List<LoadProblem>();
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            string text;
            try { text = File.ReadAllText(file); }
            catch (IOException e) { problems.Add(new LoadProblem(relative, 0, "lecture impossible : " + e.Message)); continue; }

            var (entry, problem) = KnowledgeFileParser.Parse(relative, text, File.GetLastWriteTimeUtc(file));
            if (problem is not null) { problems.Add(problem); continue; }
            if (seenIds.TryGetValue(entry!.Id, out var other))
            {
                problems.Add(new LoadProblem(relative, 2, $"identifiant « {entry.Id} » déjà utilisé par {other}"));
                continue;
            }
            seenIds[entry.Id] = relative;
            entries.Add(entry);
        }

        return new(entries, problems, Lexicon.Load(folder, problems));
    }
}
