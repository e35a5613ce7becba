using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>
/// Names of several words ("Initiative France", "Réseau Entreprendre"): the base may know each word and never the name.
/// The base side keeps every pair of neighbouring words of which one has a capital; the question side finds runs of
/// capitalised words inside a sentence.
/// </summary>
public static partial class NameWords
{
    /// <summary>
    /// Adds each word followed by spaces and another word (up to its apostrophe) when either has a capital: what the
    /// expression <c>(?&lt;a&gt;[\p{L}\p{N}'’\-]+)[ \t]+(?=(?&lt;b&gt;[\p{L}\p{N}\-]+))</c> matches, read in one pass
    /// with a key made only for the pairs kept (a large base has millions of pairs).
    /// </summary>
    public static void AddPairs(ISet<string> pairs, string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            var end = i;
            while (i < text.Length && text[i] is ' ' or '\t') i++;
            if (i == end || i == text.Length || !IsLetterOrNumber(text[i]) && text[i] != '-') continue;
            var next = i;
            while (next < text.Length && (IsLetterOrNumber(text[next]) || text[next] == '-')) next++;
            var a = text.AsSpan(start, end - start);
            var elided = a.IndexOfAny('\'', '’') is var e and >= 0 and <= 3 ? a[(e + 1)..] : a;
            if (elided.Length > 0 && char.IsUpper(elided[0]) || char.IsUpper(text[i]))
                pairs.Add(Key(a.ToString(), text[i..next]));
        }
    }

    private static bool IsWordChar(char c) => IsLetterOrNumber(c) || c is '\'' or '’' or '-';

    private static bool IsLetterOrNumber(char c) => char.GetUnicodeCategory(c) is <= System.Globalization.UnicodeCategory.OtherLetter
        or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber;

    /// <summary>Runs of two or more capitalised words inside a sentence, as typed (without a leading elision).</summary>
    public static IEnumerable<IReadOnlyList<string>> Runs(string question)
    {
        foreach (Match m in Run().Matches(question))
            yield return m.Value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(WithoutElision).ToList();
    }

    /// <summary>Words written as names: a capital inside a sentence ("à Lyon", "d'Alter'Incub"), or an acronym ("CRESS").</summary>
    public static IEnumerable<string> Written(string text)
    {
        foreach (Match m in Written().Matches(text)) yield return m.Value;
    }

    /// <summary>True when the word at <paramref name="index"/> is inside a sentence, where a capital marks a name, not a sentence's start.</summary>
    public static bool IsInsideSentence(string text, int index) =>
        index >= 2 && text[index - 1] is '\'' or '’' || index >= 2 && text[index - 1] == ' ' && (char.IsLetterOrDigit(text[index - 2]) || ",;:'’)»".Contains(text[index - 2]));

    public static string Key(string a, string b) => Folding.Fold(WithoutElision(a)) + " " + Folding.Fold(WithoutElision(b));

    public static string WithoutElision(string word) => word.IndexOfAny(['\'', '’']) is var i and >= 0 and <= 3 ? word[(i + 1)..] : word;

    [GeneratedRegex(@"(?<=[\p{L}\p{N},;:'’)»] )(?:\p{Ll}{1,2}['’])?\p{Lu}[\p{L}\p{N}'’\-]*|\b\p{Lu}{2,}\b")]
    private static partial Regex Written();

    [GeneratedRegex(@"(?<=[\p{L}\p{N},;:'’] )(?:\p{Ll}{1,2}['’])?\p{Lu}[\p{L}\-]*(?:[ \t]+\p{Lu}[\p{L}\-]*)+")]
    private static partial Regex Run();
}
