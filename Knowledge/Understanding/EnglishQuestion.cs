using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>
/// Questions asked in English, answered from the French base: the question is recognised by its function words,
/// then carried into French word by word — the curated bilingual glossary first (longest phrases first), then
/// cognates by their usual endings ("thematic" → "thematique", "community" → "communaute"), kept when the base
/// knows them; names and figures stay as typed.
/// </summary>
public sealed partial class EnglishQuestion
{
    private static readonly HashSet<string> EnglishWords =
    [
        "the", "is", "are", "was", "were", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "do", "did",
        "of", "in", "on", "for", "and", "there", "about", "between", "their", "its", "many", "much", "with", "from", "by", "that",
        "this", "these", "those", "can", "could", "should", "would", "will", "have", "has", "had", "any", "some", "an", "a", "to",
        "be", "been", "it", "they", "we", "you", "i", "my", "our", "your", "take", "took", "place", "during", "include", "includes",
        "give", "tell", "me", "please", "mean", "means", "get", "help", "helps", "into", "than", "or", "not", "focus", "whats",
    ];

    private static readonly HashSet<string> FrenchWords =
    [
        "le", "la", "les", "des", "du", "de", "est", "sont", "que", "qui", "quoi", "quel", "quelle", "quels", "quelles", "comment",
        "pourquoi", "combien", "quand", "dans", "pour", "avec", "sur", "un", "une", "et", "ou", "au", "aux", "ce", "cette", "ces",
        "il", "elle", "on", "nous", "vous", "je", "mon", "ma", "mes", "son", "sa", "ses", "leur", "leurs", "pas", "ne", "y", "a",
        "en", "par", "peut", "faut", "c'est", "qu'est-ce", "l'", "d'",
    ];

    /// <summary>English words dropped after the glossary: they shape the sentence, not its topic.</summary>
    private static readonly HashSet<string> Dropped =
    [
        "the", "is", "are", "was", "were", "does", "do", "did", "of", "in", "on", "for", "and", "there", "about", "their", "its",
        "with", "from", "by", "that", "this", "these", "those", "can", "could", "should", "would", "will", "have", "has", "had",
        "any", "some", "an", "a", "to", "be", "been", "it", "they", "we", "you", "i", "my", "our", "your", "me", "please", "into",
        "than", "or", "not", "take", "took", "taken", "place", "during", "include", "includes", "included", "give", "tell", "get",
        "at", "as", "them", "he", "she", "his", "her", "which", "what", "whose", "whom", "if", "so", "also", "such", "more", "most",
        "very", "just", "only", "other", "all", "each", "one", "both", "up", "out", "s", "exist", "exists", "existing",
        // Auxiliaries, light verbs, pronouns and adverbs: English grammar, never a topic of the base.
        "am", "being", "done", "doing", "make", "makes", "made", "making", "run", "runs", "ran", "running", "go", "goes",
        "went", "gone", "going", "come", "comes", "came", "put", "puts", "let", "lets", "may", "might", "must", "shall",
        "us", "him", "itself", "themselves", "ourselves", "myself", "yourself", "here", "then", "ever", "yet", "still",
        "already", "really", "actually", "quite", "rather", "even", "though", "while", "because", "since", "whether",
        "own", "anyone", "someone", "something", "anything", "everything", "everyone", "kind", "sort", "thing", "things",
        "lot", "lots", "way", "like", "currently", "nowadays",
    ];

    /// <summary>English endings and their usual French counterparts, tried in order on words the glossary lacks.</summary>
    private static readonly (string English, string French)[] Endings =
    [
        ("ities", "ites"), ("ity", "ite"), ("ical", "ique"), ("ics", "ique"), ("ic", "ique"), ("ies", "ies"), ("y", "ie"),
        ("ions", "ions"), ("ion", "ion"), ("ments", "ments"), ("ment", "ment"), ("ives", "ifs"), ("ive", "if"),
        ("ers", "eurs"), ("er", "eur"), ("ors", "eurs"), ("or", "eur"), ("ists", "istes"), ("ist", "iste"), ("ism", "isme"),
        ("ances", "ances"), ("ance", "ance"), ("ences", "ences"), ("ence", "ence"), ("al", "al"), ("als", "aux"),
        ("ed", "e"), ("es", "es"), ("s", "s"), ("e", "e"), ("", ""), ("", "e"),
    ];

    private readonly IReadOnlyList<(string[] English, string French)> _glossary;
    private readonly IReadOnlySet<string> _frenchLexicon;

    /// <param name="glossary">English phrase → French phrase, both folded.</param>
    public EnglishQuestion(IEnumerable<KeyValuePair<string, string>> glossary, IReadOnlySet<string> frenchLexicon)
    {
        _glossary = glossary.Select(g => (g.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries), g.Value))
            .OrderByDescending(g => g.Item1.Length).ToList();
        _frenchLexicon = frenchLexicon;
    }

    /// <summary>True when the text reads as English: more English function words than French ones, at least two.</summary>
    public static bool IsEnglish(string text)
    {
        var words = Word().Matches(Folding.Fold(text)).Select(m => m.Value).ToList();
        if (words.Count < 3) return false;
        var english = words.Count(EnglishWords.Contains);
        var french = words.Count(FrenchWords.Contains);
        return english >= 2 && english > french * 2;
    }

    /// <summary>The question carried into French (folded), for the search.</summary>
    public string ToFrench(string text)
    {
        var original = Word().Matches(text.Replace('’', '\'')).Select(m => m.Value).ToList();
        var words = original.Select(Folding.Fold).ToList();
        var output = new List<string>();
        for (var i = 0; i < words.Count;)
        {
            var phrase = _glossary.FirstOrDefault(g => Matches(words, i, g.English));
            if (phrase.English is not null)
            {
                if (phrase.French.Length > 0) output.Add(phrase.French);
                i += phrase.English.Length;
                continue;
            }
            var w = words[i];
            if (Dropped.Contains(w)) { i++; continue; }
            output.Add(Cognate(w) ?? original[i]);
            i++;
        }
        return string.Join(' ', output);
    }

    private static bool Matches(List<string> words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Count) return false;
        for (var j = 0; j < phrase.Length; j++)
            if (words[at + j] != phrase[j]) return false;
        return true;
    }

    /// <summary>"thematic" → "thematique" when the base knows it; names and numbers are kept.</summary>
    private string? Cognate(string word)
    {
        if (word.Any(char.IsDigit) || _frenchLexicon.Contains(word)) return null;
        foreach (var (english, french) in Endings)
        {
            if (!word.EndsWith(english, StringComparison.Ordinal) || word.Length - english.Length < 3) continue;
            var candidate = word[..^english.Length] + french;
            if (_frenchLexicon.Contains(candidate)) return candidate;
        }
        return null;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();
}
