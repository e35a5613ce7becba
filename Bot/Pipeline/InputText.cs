using System.Text;

namespace Communaute.Bot.Pipeline;

/// <summary>Cleans what a member typed before any feature sees it.</summary>
public static class InputText
{
    /// <summary>Longest text handled; the rest is dropped and the member told so.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// Trims, removes Unicode non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, U+nFFFE/U+nFFFF in every plane), control and
    /// zero-width characters (keeps line breaks), replaces lone surrogates by U+FFFD — both of which
    /// <see cref="string.Normalize()"/> refuses with an exception — collapses blank runs, caps the length. Never throws.
    /// </summary>
    public static (string Text, bool Truncated) Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return ("", false);
        // Only a bounded prefix is normalised: the rest is dropped anyway (a few characters of margin for combining marks).
        var truncated = raw.Length > MaxLength * 2;
        var valid = Sanitize(truncated ? raw[..(MaxLength * 2)] : raw);
        var sb = new StringBuilder(Math.Min(valid.Length, MaxLength + 16));
        foreach (var c in valid.Normalize(NormalizationForm.FormC))
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

    /// <summary>
    /// Valid, normalisable UTF-16: every unpaired surrogate replaced by U+FFFD and every non-character removed (the text
    /// itself when there is none of either).
    /// </summary>
    public static string Sanitize(string text)
    {
        var valid = WellFormed(text);
        var first = FirstNonCharacter(valid);
        if (first < 0) return valid;
        var sb = new StringBuilder(valid.Length);
        sb.Append(valid, 0, first);
        for (var i = first; i < valid.Length; i++)
        {
            var pair = char.IsHighSurrogate(valid[i]) && i + 1 < valid.Length && char.IsLowSurrogate(valid[i + 1]);
            var codePoint = pair ? char.ConvertToUtf32(valid[i], valid[i + 1]) : valid[i];
            if (!IsNonCharacter(codePoint))
            {
                sb.Append(valid[i]);
                if (pair) sb.Append(valid[i + 1]);
            }
            if (pair) i++;
        }
        return sb.ToString();
    }

    /// <summary>The 66 non-characters: U+FDD0–U+FDEF and the last two code points of each of the 17 planes.</summary>
    public static bool IsNonCharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static int FirstNonCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF') return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNonCharacter(char.ConvertToUtf32(c, text[i + 1]))) return i;
                i++;
            }
        }
        return -1;
    }

    /// <summary>The text with every unpaired surrogate replaced by U+FFFD (the text itself when it is well formed).</summary>
    public static string WellFormed(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) { firstBad = i; break; }
        }
        if (firstBad < 0) return text;
        var chars = text.ToCharArray();
        for (var i = firstBad; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}
