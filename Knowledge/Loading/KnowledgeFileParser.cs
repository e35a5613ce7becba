using Communaute.Knowledge.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Communaute.Knowledge.Loading;

/// <summary>Reads one knowledge file: a YAML front matter between "---" lines, then a Markdown body.</summary>
public static class KnowledgeFileParser
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses the file's text; returns the entry, or null and the problem with its line.</summary>
    public static (KnowledgeEntry? Entry, LoadProblem? Problem) Parse(string relativePath, string text, DateTimeOffset lastModified)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            return (null, new LoadProblem(relativePath, 1, "le fichier doit commencer par une ligne « --- » (en-tête YAML)"));

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
            return (null, new LoadProblem(relativePath, 1, "l'en-tête YAML n'est pas fermé par une ligne « --- »"));

        FrontMatter? header;
        try
        {
            header = Yaml.Deserialize<FrontMatter>(string.Join('\n', lines[1..end]));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line + 1; // +1 for the opening "---"
            return (null, new LoadProblem(relativePath, line, "en-tête YAML invalide : " + Innermost(e).Message));
        }

        if (header is null)
            return (null, new LoadProblem(relativePath, 2, "en-tête YAML vide"));

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(header.Title)) missing.Add("title");
        if (string.IsNullOrWhiteSpace(header.Source?.Document)) missing.Add("source.document");
        if (string.IsNullOrWhiteSpace(header.Source?.Publisher)) missing.Add("source.publisher");
        if (missing.Count > 0)
            return (null, new LoadProblem(relativePath, 2, "champ(s) obligatoire(s) manquant(s) : " + string.Join(", ", missing)));

        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        if (body.Length == 0)
            return (null, new LoadProblem(relativePath, end + 2, "le corps du texte est vide"));

        var id = string.IsNullOrWhiteSpace(header.Id)
            ? Path.ChangeExtension(relativePath, null).Replace('\\', '/')
            : header.Id.Trim();
        var source = header.Source!;
        var entry = new KnowledgeEntry
        {
            Id = id,
            Title = header.Title!.Trim(),
            Source = new SourceDocument(source.Document!.Trim(), source.Publisher!.Trim(),
                Blank(source.Date), Blank(source.Licence), Blank(source.Link)),
            Section = header.Section?.Trim() ?? "",
            Tags = Clean(header.Tags),
            Questions = Clean(header.Questions),
            Body = body,
            PlainBody = MarkdownText.ToPlain(body),
            RelativePath = relativePath,
            LastModified = lastModified,
        };
        return (entry, null);
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Clean(List<string>? items) =>
        items?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList() ?? [];
}
