using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>
/// A pasted paragraph: the sentence(s) that ask (a question mark, an interrogative opening) are the question; the rest
/// is context, of which only the rarest words are kept (a name, a place) by the query analyser.
/// </summary>
public static partial class LongQuestion
{
    /// <summary>Past this many words a message is read as a paragraph.</summary>
    public const int LongWords = 35;

    public static bool IsLong(string text) => Word().Matches(text).Count > LongWords;

    /// <summary>The asking sentences, and the rest as context (empty when the whole text is the question).</summary>
    public static (string Asking, string Context) Split(string text)
    {
        var sentences = Sentence().Split(text.Replace('\n', ' ')).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (sentences.Count <= 1) return (text, "");
        var asking = sentences.Where(s => s.Contains('?') || Interrogative().IsMatch(Folding.Fold(s))).ToList();
        if (asking.Count == 0) asking = [sentences[^1]];
        // Several questions: the last ones usually sum up what is asked; keep at most two.
        if (asking.Count > 2) asking = asking[^2..];
        var context = sentences.Where(s => !asking.Contains(s));
        return (string.Join(' ', asking), string.Join(' ', context));
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+|\n+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"^(?:comment|pourquoi|combien|quand|quel|quelle|quels|quelles|qui|ou |qu'est|est-ce|y a-t-il|existe-t-il|peut-on|faut-il|doit-on|pouvez-vous|pourriez-vous|savez-vous|auriez-vous|connaissez-vous|avez-vous|je cherche|je voudrais savoir|j'aimerais savoir|how|what|which|who|when|where|why|is there|are there|can)")]
    private static partial Regex Interrogative();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
