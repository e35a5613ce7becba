using System.Text;

namespace Communaute.Bot.Pipeline;

/// <summary>Cleans what a member typed before any feature sees it.</summary>
public static class InputText
{
    /// <summary>Longest text handled; the rest is dropped and the member told so.</summary>
    public const int MaxLength = 2000;

    /// <summary>Trims, removes control and zero-width characters (keeps line breaks), collapses blank runs, caps the length.</summary>
    public static (string Text, bool Truncated) Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return ("", false);
        var sb = new StringBuilder(Math.Min(raw.Length, MaxLength + 16));
        var truncated = false;
        foreach (var c in raw.Normalize(NormalizationForm.FormC))
        {
            if (sb.Length >= MaxLength) { truncated = true; break; }
            if (c == '\n') { sb.Append('\n'); continue; }
            if (c is '\t' or '\r' or '\u00A0' or '\u202F') { sb.Append(' '); continue; }
            if (char.IsControl(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF') continue;
            sb.Append(c);
        }
        var text = sb.ToString().Trim();
        // Keep whole surrogate pairs after a cut.
        if (text.Length > 0 && char.IsHighSurrogate(text[^1])) text = text[..^1];
        return (text, truncated);
    }
}
