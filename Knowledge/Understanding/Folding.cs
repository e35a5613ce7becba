using System.Globalization;
using System.Text;

namespace Communaute.Knowledge.Understanding;

/// <summary>Lower case without accents, typographic apostrophes made straight: how chat text is compared.</summary>
public static class Folding
{
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
            if (c < 0x80) sb.Append(c == '`' ? '\'' : c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            else if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                return FoldWhole(text);
            else sb.Append(Folded[c] ??= FoldWhole(c.ToString()));
        }
        return sb.ToString();
    }

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
}
