using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Loading;

/// <summary>Turns curated Markdown into plain text that reads well in any channel.</summary>
public static partial class MarkdownText
{
    public static string ToPlain(string markdown)
    {
        var lines = new List<string>();
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (TableSeparator().IsMatch(line)) continue;
            line = Heading().Replace(line, "");
            if (line.StartsWith('|'))
                line = string.Join(" | ", line.Trim('|').Split('|').Select(c => c.Trim()));
            line = Link().Replace(line, "$1");
            line = Emphasis().Replace(line, "$2");
            lines.Add(line);
        }
        return MultipleBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]+\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|\*)(\S(?:.*?\S)?)\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();
}
