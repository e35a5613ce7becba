using System.Text;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>
/// A card's text as the member typed it (markdown, HTML and mentions escaped: shown as typed on every surface), with
/// the words that answer the question in bold.
/// </summary>
public static class Highlighter
{
    public static string Highlight(string text, IReadOnlySet<string> terms, DirectoryAnalysis analysis)
    {
        var sb = new StringBuilder(text.Length + 16);
        var last = 0;
        foreach (var (index, length) in DirectoryAnalysis.Words(text))
        {
            var word = text.Substring(index, length);
            if (terms.Count == 0 || !analysis.WordTerms(word).Any(terms.Contains)) continue;
            sb.Append(UserText.Escape(text[last..index])).Append("**").Append(UserText.Escape(word)).Append("**");
            last = index + length;
        }
        return sb.Append(UserText.Escape(text[last..])).ToString();
    }
}
