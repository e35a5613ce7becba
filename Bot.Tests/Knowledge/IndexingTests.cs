using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>
/// Indexing reads each text once, by hand-written scanners and a postings builder: what they give is what the
/// expressions and the Lucene index they replace gave.
/// </summary>
public sealed class IndexingTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    private IEnumerable<string> BaseTexts() => fixture.Service.Current.Entries
        .SelectMany(e => new[] { e.Title, e.Section, e.PlainBody }.Concat(e.Questions).Concat(e.Situations).Concat(e.Tags));

    /// <summary>Folding as it was written first: the whole text lowered, decomposed, marks dropped.</summary>
    private static string FoldWhole(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { '\u2019' or '\u2018' or '`' or '\u00b4' => "'", 'œ' => "oe", 'æ' => "ae", _ => c.ToString() });
        }
        return sb.ToString();
    }

    /// <summary>The folded text, or the error for a text that cannot be normalised (a code point that is not a character).</summary>
    private static string Outcome(Func<string, string> fold, string text)
    {
        try { return fold(text); }
        catch (ArgumentException e) { return e.GetType().Name; }
    }

    [Fact]
    public void Folding_character_by_character_folds_as_the_whole_text()
    {
        for (var c = 1; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var text = "É" + (char)c + "e\u0301";
            Assert.True(Outcome(FoldWhole, text) == Outcome(Folding.Fold, text), $"U+{c:X4}");
        }
        foreach (var text in BaseTexts().Append("Ça va, l’Œuvre ÉTÉ « naïve » 𝔸 x\u0308"))
            Assert.Equal(FoldWhole(text), Folding.Fold(text));
    }

    [Fact]
    public void Name_pairs_read_in_one_pass_are_those_the_expression_finds()
    {
        var expression = new Regex(@"(?<a>[\p{L}\p{N}'’\-]+)[ \t]+(?=(?<b>[\p{L}\p{N}\-]+))");
        var texts = BaseTexts().Concat(["Initiative  France et «Réseau Entreprendre»", "à l'Atelier 'Paris  -Nord' x\tY", "d’Alter'Incub  Rhône-Alpes"]).ToList();
        var found = 0;
        foreach (var text in texts)
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in expression.Matches(text))
            {
                var a = m.Groups["a"].Value;
                var b = m.Groups["b"].Value;
                if (char.IsUpper(NameWords.WithoutElision(a).FirstOrDefault()) || char.IsUpper(b[0])) expected.Add(NameWords.Key(a, b));
            }
            var actual = new HashSet<string>(StringComparer.Ordinal);
            NameWords.AddPairs(actual, text);
            Assert.True(expected.SetEquals(actual), $"« {text[..Math.Min(80, text.Length)]} » : {string.Join(" | ", actual.Except(expected).Concat(expected.Except(actual)))}");
            found += expected.Count;
        }
        Assert.True(found > 1000);
    }

    [Fact]
    public void Chat_words_read_in_one_pass_are_those_the_expression_finds()
    {
        var expression = new Regex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*");
        foreach (var text in BaseTexts().Concat(["l'innovation, Saint-Étienne--Lyon ' -x- a'b'c 2018-2020 « d'Alter'Incub »"]))
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in expression.Matches(Folding.Fold(text)))
            {
                expected.Add(m.Value);
                foreach (var part in m.Value.Split('\'', '-')) if (part.Length > 0) expected.Add(part);
            }
            var actual = new HashSet<string>(StringComparer.Ordinal);
            KnowledgeIndex.AddSurface(actual, text);
            Assert.True(expected.SetEquals(actual), $"« {text[..Math.Min(80, text.Length)]} » : {string.Join(" | ", actual.Except(expected).Concat(expected.Except(actual)))}");
        }
    }

    /// <summary>
    /// Passages of a few words repeated in every order and questions that repeat them: phrases whose terms repeat, on
    /// documents where the repeats collide — Lucene's hardest case, scored by hand-written code.
    /// </summary>
    [Fact]
    public void Phrases_repeating_a_term_score_as_Lucene_scores_them()
    {
        string[] words = ["pomme", "table", "chaise", "verre", "lampe"];
        var random = new Random(7);
        string Text(int length) => string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(random.Next(2, words.Length))]));
        var entries = Enumerable.Range(0, 300).Select(i => new KnowledgeEntry
        {
            Id = $"e{i}",
            Title = Text(random.Next(1, 5)),
            Source = new SourceDocument("Doc", "Éditeur", null, null, null),
            Body = "",
            PlainBody = Text(random.Next(0, 40)),
            Situations = [Text(random.Next(1, 6)), Text(random.Next(1, 6))],
        }).ToList();
        using var index = KnowledgeIndex.Build(entries, Lexicon.Empty);
        var repeating = 0;
        for (var q = 0; q < 400; q++)
        {
            var question = Text(random.Next(2, 6));
            var query = index.QueryAnalyzer.Analyse(question);
            if (query.IsEmpty) continue;
            if (index.Clauses(query, prune: false).Any(c => c.Terms.Count > 1 && c.Terms.Distinct().Count() < c.Terms.Count)) repeating++;
            var expected = index.LuceneTop(query, 50);
            var actual = index.LexicalTop(query, 50);
            Assert.Equal(expected.Select(d => (d.Doc, BitConverter.SingleToInt32Bits(d.Score))), actual.Select(d => (d.Doc, BitConverter.SingleToInt32Bits(d.Score))));
        }
        Assert.True(repeating > 50, $"{repeating} questions avec une expression qui répète un terme");
    }

    [Fact]
    public void A_base_indexes_the_same_whatever_the_timing()
    {
        var entries = fixture.Service.Current.Entries;
        using var first = KnowledgeIndex.Build(entries, Lexicon.Empty);
        using var second = KnowledgeIndex.Build(entries, Lexicon.Empty);
        foreach (var question in entries.Take(60).SelectMany(e => e.Situations.Take(2).Append(e.Title)))
        {
            var a = first.LexicalTop(first.QueryAnalyzer.Analyse(question), 20);
            var b = second.LexicalTop(second.QueryAnalyzer.Analyse(question), 20);
            Assert.Equal(a.Select(d => (d.Doc, d.Score)), b.Select(d => (d.Doc, d.Score)));
        }
        Assert.Equal(Enumerable.Range(0, first.Vocabulary.Count).Select(first.Vocabulary.Term), Enumerable.Range(0, second.Vocabulary.Count).Select(second.Vocabulary.Term));
    }
}
