using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Communaute.Knowledge.Analysis;

/// <summary>
/// French analysis for indexing and queries: elision (l', d', qu'…), lower case, stop words,
/// accent folding, then light stemming — so "l'incubée", "incubees" and "Incubés" meet.
/// Folding comes before stemming so that a question typed without accents stems like the text.
/// </summary>
public sealed class FrenchTextAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet Articles = new(Version,
        ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"], ignoreCase: true);

    private static readonly CharArraySet StopWords = BuildStopWords();

    /// <summary>Text as handed to the analyser: "Simplon.co" is read as two words, in questions and passages alike.</summary>
    public static string Prepare(string text) => DotBetweenLetters.Replace(text, " ");

    private static readonly System.Text.RegularExpressions.Regex DotBetweenLetters = new(@"(?<=\p{L})\.(?=\p{L})", System.Text.RegularExpressions.RegexOptions.Compiled);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new ElisionFilter(source, Articles);
        stream = new LowerCaseFilter(Version, stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new ASCIIFoldingFilter(stream);
        stream = new FrenchLightStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>Most texts remembered by <see cref="CachedTerms"/>: past it, new texts are analysed each time.</summary>
    private const int CacheLimit = 100_000;

    private readonly ConcurrentDictionary<string, string[]> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The analysed terms of a text analysed again and again (a question's words, the sentences of the passages
    /// quoted): each is analysed once, then remembered (up to a limit: a question's words are the member's).
    /// </summary>
    public IReadOnlyList<string> CachedTerms(string text)
    {
        if (_cache.TryGetValue(text, out var terms)) return terms;
        terms = [.. Terms(text)];
        if (_cache.Count < CacheLimit) _cache.TryAdd(text, terms);
        return terms;
    }

    /// <summary>The analysed terms of a text, in order.</summary>
    public List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream("body", Prepare(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, FrenchAnalyzer.DefaultStopSet.Count + 32, ignoreCase: true);
        foreach (var w in FrenchAnalyzer.DefaultStopSet) set.Add(w);
        // Words that carry no topic in either questions or passages.
        foreach (var w in new[] { "aux", "au", "des", "du", "les", "la", "le", "un", "une", "et", "ou", "à", "a", "y", "en", "ces", "cet", "cette" })
            set.Add(w);
        return set;
    }
}
