using Communaute.Knowledge.Model;

namespace Communaute.Knowledge.Loading;

/// <summary>Reads one knowledge file: a YAML front matter between "---" lines, then a Markdown body.</summary>
public static class KnowledgeFileParser
{
    /// <summary>Parses the file's text; returns the entry, or null and the problem with its line.</summary>
    public static (KnowledgeEntry? Entry, LoadProblem? Problem) Parse(string relativePath, string text, DateTimeOffset lastModified)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            return (null, new LoadProblem(relativePath, 1, "le fichier doit commencer par une ligne « --- » (en-tête YAML)"));

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
            return (null, new LoadProblem(relativePath, 1, "l'en-tête YAML n'est pas fermé par une ligne « --- »"));

        var (header, problem) = FrontMatterReader.Read(relativePath, string.Join('\n', lines[1..end]), firstLine: 2);
        if (header is null) return (null, problem);

        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        if (body.Length == 0)
            return (null, new LoadProblem(relativePath, end + 2, "le corps du texte est vide"));

        var source = header.Source;
        var entry = new KnowledgeEntry
        {
            Id = header.Id,
            Title = header.Title,
            Source = new SourceDocument(source.Document, source.Publisher, Blank(source.Date), Blank(source.Licence), Blank(source.Link)),
            Section = header.Section,
            Tags = header.Tags,
            Questions = header.Questions,
            Situations = header.Situations,
            Body = body,
            PlainBody = MarkdownText.ToPlain(body),
            RelativePath = relativePath,
            LastModified = lastModified,
        };
        return (entry, null);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
