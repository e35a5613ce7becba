using System.Text;

namespace Communaute.Dialogs.Replies;

/// <summary>
/// Text that a member typed, shown back in a card: markdown and HTML characters are escaped so that
/// "[cliquez](http://…)" or "**" stays literal in Teams and the web chat, whatever the member wrote.
/// </summary>
public static class UserText
{
    private const string MarkdownSpecials = "\\`*_[]()<>~#";

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (MarkdownSpecials.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
