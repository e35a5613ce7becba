using System.Globalization;
using System.Text;

namespace Communaute.Knowledge.Understanding;

/// <summary>Lower case without accents, typographic apostrophes made straight: how chat text is compared.</summary>
public static class Folding
{
    public static string Fold(string text)
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
