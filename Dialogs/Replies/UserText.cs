using System.Text;

namespace Communaute.Dialogs.Replies;

/// <summary>
/// Text that a member typed, shown back in a card: markdown and HTML characters are escaped so that
/// "[cliquez](http://…)" or "**" stays literal in Teams and the web chat, whatever the member wrote.
/// </summary>
public static class UserText
{
    private const string MarkdownSpecials = "\\`*_[]()<>~#";

    /// <summary>Longest name shown; display names come from the channels and can be anything.</summary>
    public const int MaxNameLength = 80;

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

    /// <summary>
    /// A member's display name for any place in a reply (title, text, fact): on one line, cut to
    /// <see cref="MaxNameLength"/> characters, with the light markdown escaped — "**Animateur officiel** [lien](https://…)"
    /// shows as typed, never as bold text and a link.
    /// </summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "membre";
        var sb = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        var lastWasSpace = false;
        foreach (var c in name.Trim())
        {
            if (sb.Length >= MaxNameLength && !char.IsLowSurrogate(c)) { sb.Append('…'); break; }
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { if (!lastWasSpace) sb.Append(' '); lastWasSpace = true; continue; }
            sb.Append(c);
            lastWasSpace = false;
        }
        return Escape(sb.ToString().Trim());
    }
}
