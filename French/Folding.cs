using System.Globalization;
using System.Text;

namespace Communaute.French;

/// <summary>
/// Lower case without accents, typographic apostrophes made straight, « œ » as « oe »: how French text is compared.
/// The one folding of the code base; its variants below apply the same character rule.
/// </summary>
public static class Folding
{
    /// <summary>"l’Œuvre ÉTÉ" → "l'oeuvre ete".</summary>
    public static string Fold(string text)
    {
        // Character by character, each character's folding remembered: the same as folding the whole text at once
        // (lower case and decomposition map characters one by one) but for what only a whole text can have.
        var i = 0;
        while (i < text.Length && text[i] is < (char)0x80 and not (>= 'A' and <= 'Z') and not '`') i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80) sb.Append(FoldAscii(c));
            else if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                return FoldWhole(text);
            else sb.Append(Folded[c] ??= FoldWhole(c.ToString()));
        }
        return sb.ToString();
    }

    private static char FoldAscii(char c) => c == '`' ? '\'' : c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    private static readonly string?[] Folded = new string?[char.MaxValue + 1];

    private static string FoldWhole(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch
            {
                '\u2019' or '\u2018' or '`' or '\u00b4' => '\'',
                'œ' => 'o', // "œuvre" folds to "oeuvre" below
                'æ' => 'a',
                _ => c,
            });
            if (c == 'œ') sb.Append('e');
            if (c == 'æ') sb.Append('e');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The same folding, one character for one, so that indices found in the folded text are indices in the original
    /// (« œ » gives « o »). For finding dates and times in what someone typed.
    /// </summary>
    public static string FoldKeepingPositions(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsSurrogate(c)) { sb.Append(c); continue; } // half of an emoji: nothing to fold
            if (c < 0x80) { sb.Append(FoldAscii(c)); continue; }
            var folded = Folded[c] ??= FoldWhole(c.ToString());
            sb.Append(folded.Length > 0 ? folded[0] : c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The words only: folded, punctuation and spaces made one space, trimmed. "  Caractériser !" → "caracteriser".
    /// Empty for text that is not valid UTF-16 (a lone surrogate from a form field).
    /// </summary>
    public static string FoldWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        string folded;
        try { folded = Fold(text); }
        catch (ArgumentException) { return ""; }
        var sb = new StringBuilder(folded.Length);
        var lastWasSpace = true;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) { sb.Append(c); lastWasSpace = false; }
            else if (!lastWasSpace) { sb.Append(' '); lastWasSpace = true; }
        }
        return sb.ToString().TrimEnd();
    }
}
