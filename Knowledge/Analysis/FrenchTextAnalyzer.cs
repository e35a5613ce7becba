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

    /// <summary>
    /// Each term analysed while indexing, kept once and numbered: a large base repeats the same few hundred thousand
    /// terms millions of times, every entry keeps its terms, and the postings are built by number.
    /// </summary>
    private readonly ConcurrentDictionary<string, PooledTerm> _pool = new(StringComparer.Ordinal);

    private sealed record PooledTerm(string Text, int Id);

    /// <summary>How many terms <see cref="Analyse"/> has numbered: every <see cref="AnalysedText.Ids"/> is below it.</summary>
    public int PooledTerms => _pool.Count;

    /// <summary>
    /// The terms of a text with their position increments (a stop word removed leaves a gap), as Lucene indexes them:
    /// analysed once for the index and for the entry's own terms.
    /// </summary>
    public AnalysedText Analyse(string text)
    {
        var terms = new List<string>();
        var ids = new List<int>();
        var increments = new List<int>();
        using var stream = GetTokenStream("body", Prepare(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var pool = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var chars = term.Buffer.AsSpan(0, term.Length);
            if (!pool.TryGetValue(chars, out var pooled))
                lock (_pool)
                    if (!pool.TryGetValue(chars, out pooled))
                        _pool[chars.ToString()] = pooled = new PooledTerm(chars.ToString(), _pool.Count);
            terms.Add(pooled.Text);
            ids.Add(pooled.Id);
            increments.Add(increment.PositionIncrement);
        }
        stream.End();
        return new AnalysedText([.. terms], [.. ids], [.. increments], increment.PositionIncrement);
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

/// <summary>
/// A text's analysed terms, their numbers in the analyser's pool, the position increment before each (1, or more after
/// removed words), and the increment left at its end (removed words at the end).
/// </summary>
public sealed record AnalysedText(string[] Terms, int[] Ids, int[] Increments, int FinalIncrement);

/// <summary>
/// Texts already analysed, handed to Lucene as one field as if their joined text were analysed again: terms and
/// positions the same, the analysis not repeated.
/// </summary>
public sealed class AnalysedTokens : TokenStream
{
    private readonly IReadOnlyList<AnalysedText> _texts;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private int _text, _token, _carried;

    public AnalysedTokens(IReadOnlyList<AnalysedText> texts)
    {
        _texts = texts;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        while (_text < _texts.Count)
        {
            var t = _texts[_text];
            if (_token < t.Terms.Length)
            {
                ClearAttributes();
                _term.SetEmpty().Append(t.Terms[_token]);
                _increment.PositionIncrement = t.Increments[_token] + _carried;
                _carried = 0;
                _token++;
                return true;
            }
            _carried += t.FinalIncrement;
            _text++;
            _token = 0;
        }
        return false;
    }

    public override void End()
    {
        base.End();
        _increment.PositionIncrement = _carried;
    }

    public override void Reset()
    {
        base.Reset();
        _text = _token = _carried = 0;
    }
}
