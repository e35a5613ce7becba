using System.Text;
using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>
/// French as typed in a chat, made readable for the search: SMS forms ("c koi", "pk", "stp"), elisions and
/// apostrophes restored ("quest ce que linnovation" → "qu'est-ce que l'innovation"), words glued together split
/// against the base's vocabulary, question words with swapped letters ("qaund"). The result is folded (lower case,
/// no accents): accents are matched by folding anyway. Each rule is a small step, tested one by one.
/// </summary>
/// <param name="lexicon">Every word of the base (folded) with the number of entries it appears in; small words count as frequent.</param>
public sealed partial class ChatFrench(IReadOnlyDictionary<string, int> lexicon)
{
    /// <summary>SMS and chat forms → what they stand for ("" drops the word).</summary>
    private static readonly Dictionary<string, string> Sms = new(StringComparer.Ordinal)
    {
        ["koi"] = "quoi", ["kwa"] = "quoi", ["quoa"] = "quoi",
        ["pk"] = "pourquoi", ["pq"] = "pourquoi", ["pkoi"] = "pourquoi", ["pourkoi"] = "pourquoi", ["pcq"] = "parce que",
        ["stp"] = "", ["svp"] = "", ["stpl"] = "", ["svpl"] = "", ["plz"] = "", ["pls"] = "",
        ["ds"] = "dans", ["qd"] = "quand", ["qnd"] = "quand", ["kan"] = "quand", ["kand"] = "quand",
        ["tt"] = "tout", ["ts"] = "tous", ["tte"] = "toute", ["ttes"] = "toutes", ["bcp"] = "beaucoup", ["pr"] = "pour",
        ["ac"] = "avec", ["avc"] = "avec", ["dc"] = "donc", ["mm"] = "meme", ["tjs"] = "toujours", ["tjrs"] = "toujours",
        ["qqn"] = "quelqu'un", ["qqun"] = "quelqu'un", ["qqch"] = "quelque chose", ["qq"] = "quelques", ["qqs"] = "quelques",
        ["cad"] = "c'est-a-dire", ["jsp"] = "je ne sais pas", ["chui"] = "je suis", ["chuis"] = "je suis", ["jsuis"] = "je suis",
        ["cest"] = "c'est", ["cetait"] = "c'etait", ["quest"] = "qu'est", ["questce"] = "qu'est-ce", ["jai"] = "j'ai",
        ["ya"] = "il y a", ["yaura"] = "il y aura", ["yavait"] = "il y avait", ["nimporte"] = "n'importe",
        ["quel'"] = "quel", ["keske"] = "qu'est-ce que", ["kesk"] = "qu'est-ce que", ["ki"] = "qui", ["ke"] = "que",
        ["ou'"] = "ou", ["bjr"] = "bonjour", ["slt"] = "salut", ["mrc"] = "merci", ["mci"] = "merci", ["dsl"] = "desole",
        ["auj"] = "aujourd'hui", ["ajd"] = "aujourd'hui", ["rdv"] = "rendez-vous", ["infos"] = "informations", ["info"] = "information",
        ["t'es"] = "tu es", ["t'as"] = "tu as", ["y'a"] = "il y a", ["y'en"] = "il y en", ["vs"] = "vous",
    };

    /// <summary>Words that ask; a slip in them changes what is asked (a date, a figure), so they are corrected too.</summary>
    private static readonly string[] AskingWords =
        ["quand", "comment", "combien", "pourquoi", "quelle", "quelles", "quels", "quoi", "lequel", "laquelle", "lesquels"];

    private static readonly string[] Elided = ["jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "l", "d", "j", "m", "n", "s", "t", "c"];

    /// <summary>"sa" is "ça" before these verbs ("sa veut dire quoi", "sa coute combien").</summary>
    private static readonly HashSet<string> AfterCa = ["veut", "va", "marche", "sert", "fait", "coute", "depend", "existe", "consiste", "concerne", "correspond"];

    public string Normalize(string text) => Normalize(text, null);

    /// <param name="changes">Receives "avant → après" for each rewritten word (for ask --explain).</param>
    public string Normalize(string text, List<string>? changes)
    {
        var folded = Folding.Fold(text);
        var output = new StringBuilder(folded.Length + 16);
        var last = 0;
        var matches = Token().Matches(folded);
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            output.Append(folded, last, m.Index - last);
            last = m.Index + m.Length;
            var next = i + 1 < matches.Count ? matches[i + 1].Value : null;
            var rewritten = Rewrite(m.Value, next);
            if (rewritten != m.Value) changes?.Add($"{m.Value} → {(rewritten.Length == 0 ? "∅" : rewritten)}");
            output.Append(rewritten);
        }
        output.Append(folded, last, folded.Length - last);
        return Spaces().Replace(output.ToString(), " ").Trim();
    }

    private string Rewrite(string word, string? next)
    {
        if (word.Any(char.IsDigit)) return word;
        if (Sms.TryGetValue(word, out var sms)) return sms;
        // "c quoi", "c koi", "c'est" typed as a lone "c".
        if (word == "c" && next is not null && !next.StartsWith('\'')) return "c'est";
        if (word == "sa" && next is not null && AfterCa.Contains(next)) return "ca";
        if (word.Contains('\'') || word.Contains('-')) return RewriteParts(word);
        if (RestoreElision(word) is { } elided) return elided;
        if (Known(word)) return word;
        return CorrectAskingWord(word) ?? SplitGlued(word) ?? word;
    }

    /// <summary>A hyphenated or apostrophed word is checked part by part ("rupture-avec-lexistant" is rare; "l'inovation" is not touched).</summary>
    private string RewriteParts(string word)
    {
        if (!word.Contains('-')) return word;
        var parts = word.Split('-');
        if (parts.All(p => p.Length == 0 || Known(p) || p.Contains('\''))) return word;
        return string.Join('-', parts.Select(p =>
            p.Length == 0 || Known(p) || p.Contains('\'') ? p : Sms.TryGetValue(p, out var sms) ? sms : RestoreElision(p) ?? p));
    }

    private bool Known(string word) => lexicon.ContainsKey(word);

    private int Frequency(string word) => lexicon.TryGetValue(word, out var n) ? n : 0;

    /// <summary>
    /// "linnovation" → "l'innovation", "dimpact" → "d'impact", "quelle" untouched. A word the base happens to hold once
    /// ("linnovation" in a title) is still restored when the word without its article is far more frequent.
    /// </summary>
    internal string? RestoreElision(string word)
    {
        var own = Frequency(word);
        foreach (var article in Elided)
        {
            if (word.Length < article.Length + 3 || !word.StartsWith(article, StringComparison.Ordinal)) continue;
            var rest = word[article.Length..];
            if (!"aeiouyh".Contains(rest[0])) continue;
            if (own <= 2 && Known(rest) && Frequency(rest) >= 3 * Math.Max(1, own) && (own == 0 || Frequency(rest) >= 5)) return article + "'" + rest;
            if (own == 0 && SplitGlued(rest) is { } split) return article + "'" + split;
        }
        return null;
    }

    /// <summary>"qaund" → "quand", "combein" → "combien": one slip (a swap, a missing or extra letter).</summary>
    internal static string? CorrectAskingWord(string word)
    {
        if (word.Length < 4) return null;
        foreach (var asking in AskingWords)
            if (Math.Abs(asking.Length - word.Length) <= 1 && asking[0] == word[0] && Search.SpellingCorrector.Distance(word, asking, 1) <= 1)
                return asking;
        return null;
    }

    /// <summary>"innovationsociale" → "innovation sociale": the fewest known words that make up the token.</summary>
    internal string? SplitGlued(string word)
    {
        if (word.Length < 6 || word.Length > 40) return null;
        // best[i]: fewest words covering word[..i]; from[i]: where the last word starts.
        var best = new int[word.Length + 1];
        var from = new int[word.Length + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var end = 1; end <= word.Length; end++)
            for (var start = Math.Max(0, end - 20); start < end; start++)
            {
                if (best[start] == int.MaxValue) continue;
                var piece = word[start..end];
                // Very short pieces are only the usual small words ("de", "et", "a"), not any two letters.
                if (piece.Length < 2 && piece != "a" && piece != "y") continue;
                if (piece.Length == 2 && !SmallWords.Contains(piece)) continue;
                if (!Known(piece)) continue;
                if (best[start] + 1 < best[end]) { best[end] = best[start] + 1; from[end] = start; }
            }
        if (best[word.Length] is int.MaxValue or < 2 || best[word.Length] > 4) return null;
        var pieces = new List<string>();
        for (var end = word.Length; end > 0; end = from[end]) pieces.Insert(0, word[from[end]..end]);
        // Two letters at the end are an inflection ("completes" is not "complet es", "lilloise" not "il loi se"):
        // a glued phrase ends on a word of its own.
        if (pieces[^1].Length < 3) return null;
        return string.Join(' ', pieces);
    }

    private static readonly HashSet<string> SmallWords = ["de", "du", "la", "le", "et", "en", "au", "un", "ou", "es", "ne", "se", "ce", "sa", "on", "il", "je", "tu"];

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*'?")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
