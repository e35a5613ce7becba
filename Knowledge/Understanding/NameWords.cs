using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>
/// Names of several words ("Initiative France", "Réseau Entreprendre"): the base may know each word and never the name.
/// The base side keeps every pair of neighbouring words of which one has a capital; the question side finds runs of
/// capitalised words inside a sentence.
/// </summary>
public static partial class NameWords
{
    public static void AddPairs(ISet<string> pairs, string text)
    {
        foreach (Match m in Pair().Matches(text))
        {
            var a = m.Groups["a"].Value;
            var b = m.Groups["b"].Value;
            if (char.IsUpper(WithoutElision(a).FirstOrDefault()) || char.IsUpper(b[0]))
                pairs.Add(Key(a, b));
        }
    }

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

    [GeneratedRegex(@"(?<a>[\p{L}\p{N}'’\-]+)[ \t]+(?=(?<b>[\p{L}\p{N}\-]+))")]
    private static partial Regex Pair();

    [GeneratedRegex(@"(?<=[\p{L}\p{N},;:'’] )(?:\p{Ll}{1,2}['’])?\p{Lu}[\p{L}\-]*(?:[ \t]+\p{Lu}[\p{L}\-]*)+")]
    private static partial Regex Run();
}
