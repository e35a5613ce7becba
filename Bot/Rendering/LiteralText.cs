using System.Text;

namespace Communaute.Bot.Rendering;

/// <summary>A piece of text: literal characters, in bold or not, a link when <see cref="Url"/> is set.</summary>
public sealed record TextRun(string Text, bool Bold = false, string? Url = null);

/// <summary>
/// Reads the reply model's light markdown where member text was escaped (<c>\*</c>, <c>\[</c>…, see UserText) into
/// runs of literal text, for surfaces that have no escape of their own: an Adaptive Card's TextRun and Block Kit's
/// plain_text are never interpreted, so what a member typed shows as typed, with no backslash.
/// </summary>
public static class LiteralText
{
    private const string Specials = "\\`*_[]()<>~#";

    /// <summary>True when the text holds at least one escaped character (it carries member text).</summary>
    public static bool HasEscapes(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        for (var i = 0; i + 1 < text.Length; i++)
            if (text[i] == '\\' && Specials.Contains(text[i + 1])) return true;
        return false;
    }

    /// <summary>The runs of one line: the bot's **bold** and [label](url) kept as such, everything else literal.</summary>
    public static List<TextRun> Runs(string line)
    {
        var runs = new List<TextRun>();
        var sb = new StringBuilder();
        var bold = false;
        void Flush()
        {
            if (sb.Length > 0) runs.Add(new TextRun(sb.ToString(), bold));
            sb.Clear();
        }
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && Specials.Contains(line[i + 1])) { sb.Append(line[++i]); continue; }
            if (c == '*' && i + 1 < line.Length && line[i + 1] == '*') { Flush(); bold = !bold; i++; continue; }
            if (c == '[' && Link(line, i) is { } link)
            {
                Flush();
                runs.Add(new TextRun(link.Label, bold, link.Url));
                i = link.End;
                continue;
            }
            sb.Append(c);
        }
        Flush();
        return runs;
    }

    /// <summary>The text as a reader sees it, without any markup: escapes undone, bold dropped, links as "label (url)".</summary>
    public static string Plain(string markdown) =>
        string.Join("\n", markdown.Replace("\r\n", "\n").Split('\n').Select(line =>
            string.Concat(Runs(line).Select(r => r.Url is null || r.Url == r.Text ? r.Text : $"{r.Text} ({r.Url})"))));

    private static (string Label, string Url, int End)? Link(string line, int start)
    {
        var close = line.IndexOf(']', start + 1);
        if (close < 0 || close + 1 >= line.Length || line[close + 1] != '(' || line[close - 1] == '\\') return null;
        var end = line.IndexOf(')', close + 2);
        if (end < 0) return null;
        var label = line[(start + 1)..close];
        var url = line[(close + 2)..end];
        if (label.Contains('\\') || !(url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal))) return null;
        return (label, url, end);
    }
}
