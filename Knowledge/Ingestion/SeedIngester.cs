using System.Text;
using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Ingestion;

/// <summary>
/// First pass from raw seed texts to knowledge files: cleans extraction debris, cuts each document into
/// passages of quotable size and writes them with front matter. Curators then edit the result by hand;
/// the ingester never writes into a folder that already holds files unless asked to.
/// </summary>
public static partial class SeedIngester
{
    public sealed record SeedDocument(string File, string Title, string Publisher, string Date, string Licence);

    public sealed record IngestResult(int Documents, int Files, string Output);

    public const int TargetPassageLength = 1200;

    public static IngestResult Ingest(string seedsFolder, string outputFolder, bool overwrite)
    {
        if (Directory.Exists(outputFolder) && Directory.EnumerateFileSystemEntries(outputFolder).Any() && !overwrite)
            throw new InvalidOperationException($"Le dossier {outputFolder} n'est pas vide : ajoutez --force pour le remplacer.");
        Directory.CreateDirectory(outputFolder);

        var documents = ReadCatalogue(Path.Combine(seedsFolder, "README.md"));
        var files = 0;
        foreach (var doc in documents)
        {
            var path = Path.Combine(seedsFolder, doc.File);
            if (!File.Exists(path)) continue;
            var slug = Path.GetFileNameWithoutExtension(doc.File).Split('_')[0];
            var folder = Path.Combine(outputFolder, slug);
            Directory.CreateDirectory(folder);
            var passages = Passages(Clean(File.ReadAllText(path)));
            for (var i = 0; i < passages.Count; i++)
            {
                var name = $"{i + 1:000}";
                File.WriteAllText(Path.Combine(folder, name + ".md"), Render($"{slug}/{name}", doc, passages[i]));
                files++;
            }
        }
        return new IngestResult(documents.Count, files, outputFolder);
    }

    /// <summary>Reads the seeds README table: file | what it is ("Title" …) | publisher, date | notes.</summary>
    public static List<SeedDocument> ReadCatalogue(string readme)
    {
        var list = new List<SeedDocument>();
        if (!File.Exists(readme)) return list;
        foreach (var line in File.ReadLines(readme))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 5 || !cells[1].EndsWith(".txt", StringComparison.Ordinal)) continue;
            var title = QuotedTitle().Match(cells[2]) is { Success: true } m ? m.Groups[1].Value : cells[2];
            var publisherAndDate = cells[3];
            var comma = publisherAndDate.LastIndexOf(',');
            var publisher = comma > 0 ? publisherAndDate[..comma].Trim() : publisherAndDate;
            var date = comma > 0 ? publisherAndDate[(comma + 1)..].Trim() : "";
            var licence = LicenceNote().Match(cells[4]) is { Success: true } l ? l.Groups[1].Value.Trim() : "Non précisée";
            list.Add(new SeedDocument(cells[1], title, publisher, date, licence));
        }
        return list;
    }

    internal static string Clean(string raw)
    {
        var text = raw.Replace("\r\n", "\n");
        text = HtmlTag().Replace(text, " ");
        text = Superscript().Replace(text, "$1");
        text = text.Replace("&amp;", "&").Replace("&nbsp;", " ");
        text = StandaloneNumber().Replace(text, "\n");
        text = ManyBlankLines().Replace(text, "\n\n");
        return text.Trim();
    }

    internal static List<(string Title, string Body)> Passages(string text)
    {
        var blocks = text.Split("\n\n").Select(b => SpacedLines().Replace(b.Trim(), " ")).Where(b => b.Length > 0).ToList();
        var passages = new List<(string, string)>();
        var current = new StringBuilder();
        string? title = null;
        foreach (var block in blocks)
        {
            if (current.Length > 0 && current.Length + block.Length > TargetPassageLength)
            {
                passages.Add((title ?? "Passage", current.ToString().Trim()));
                current.Clear();
                title = null;
            }
            title ??= block.Length <= 120 ? block.TrimEnd(':', ' ') : block[..Math.Min(80, block.Length)] + "…";
            current.Append(block).Append("\n\n");
        }
        if (current.Length > 0) passages.Add((title ?? "Passage", current.ToString().Trim()));
        return passages;
    }

    private static string Render(string id, SeedDocument doc, (string Title, string Body) passage)
    {
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append("id: ").Append(Quote(id)).Append('\n');
        sb.Append("title: ").Append(Quote(passage.Title)).Append('\n');
        sb.Append("source:\n");
        sb.Append("  document: ").Append(Quote(doc.Title)).Append('\n');
        sb.Append("  publisher: ").Append(Quote(doc.Publisher)).Append('\n');
        sb.Append("  date: ").Append(Quote(doc.Date)).Append('\n');
        sb.Append("  licence: ").Append(Quote(doc.Licence)).Append('\n');
        sb.Append("  link: \"\"\n");
        sb.Append("section: ").Append(Quote(passage.Title)).Append('\n');
        sb.Append("tags: []\n");
        sb.Append("questions: []\n");
        sb.Append("---\n");
        sb.Append(passage.Body).Append('\n');
        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [GeneratedRegex("[\"“«]\\s*([^\"”»]+?)\\s*[\"”»]")]
    private static partial Regex QuotedTitle();

    [GeneratedRegex(@"licence\s+([^;|]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LicenceNote();

    [GeneratedRegex(@"</?(p|i|b|br|span|div|em|strong|sup|sub)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\^\{([^}]*)\}")]
    private static partial Regex Superscript();

    [GeneratedRegex(@"\n\s*\d{1,3}\s*\n")]
    private static partial Regex StandaloneNumber();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBlankLines();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex SpacedLines();
}
