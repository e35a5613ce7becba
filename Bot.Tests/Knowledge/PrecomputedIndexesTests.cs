using System.Text.Json;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Knowledge.Search;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>
/// The indexes built at load to answer fast give exactly what the slow ways gave: the lexical ranking from read-once
/// postings is Lucene's to the last bit, spelling correction and near forms from the vocabulary's buckets are what a
/// scan of the whole vocabulary finds.
/// </summary>
public sealed class PrecomputedIndexesTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    private readonly KnowledgeIndex _index = fixture.Service.Current.Answerer.Index;

    private IEnumerable<string> Questions()
    {
        foreach (var e in _index.Entries)
        {
            yield return e.Title;
            foreach (var q in e.Questions) yield return q;
        }
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "Bot.Tests", "Knowledge", "qa-probes.jsonl")))
            if (line.Trim().Length > 0) yield return JsonDocument.Parse(line).RootElement.GetProperty("q").GetString()!;
        // A phrase that repeats a term, and a paragraph long enough to reach the clause limit.
        yield return "accompagner l'accompagnement des accompagnateurs";
        yield return string.Join(' ', _index.Entries.Take(40).Select(e => e.Title));
    }

    [Fact]
    public void The_lexical_ranking_gives_Lucene_s_documents_and_scores_to_the_bit()
    {
        var compared = 0;
        foreach (var question in Questions())
        {
            var query = fixture.Service.Current.Answerer.Read(question).Query;
            if (query.IsEmpty) continue;
            var expected = _index.LuceneTop(query, 32);
            var actual = _index.LexicalTop(query, 32);
            Assert.True(expected.Length == actual.Length, $"« {question} » : {actual.Length} documents au lieu de {expected.Length}");
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i].Doc == actual[i].Doc, $"« {question} », rang {i} : document {actual[i].Doc} au lieu de {expected[i].Doc}");
                Assert.True(BitConverter.SingleToInt32Bits(expected[i].Score) == BitConverter.SingleToInt32Bits(actual[i].Score),
                    $"« {question} », rang {i} : score {actual[i].Score:R} au lieu de {expected[i].Score:R}");
            }
            compared++;
        }
        Assert.True(compared > 500);
    }

    /// <summary>Typed words with one or two slips: every edit of a sample of the vocabulary's terms.</summary>
    private IEnumerable<string> Misspellings()
    {
        var vocabulary = _index.Vocabulary;
        for (var id = 0; id < vocabulary.Count; id += 5)
        {
            var term = vocabulary.Term(id);
            if (term.Length < 4) continue;
            yield return term;
            for (var i = 0; i < term.Length; i++)
            {
                yield return term.Remove(i, 1);
                yield return term[..i] + 'e' + term[i..];
                yield return term[..i] + (term[i] == 'a' ? 'o' : 'a') + term[(i + 1)..];
                if (i + 1 < term.Length) yield return term[..i] + term[i + 1] + term[i] + term[(i + 2)..];
                if (i + 2 < term.Length) yield return term.Remove(i, 1).Remove(i + 1, 1);
            }
            yield return term + "es";
        }
    }

    [Fact]
    public void Spelling_correction_picks_what_a_scan_of_the_whole_vocabulary_picks()
    {
        var vocabulary = _index.Vocabulary;
        foreach (var typed in Misspellings().Distinct())
            Assert.Equal(ScanForCorrection(typed, vocabulary), SpellingCorrector.Correct(typed, vocabulary));
    }

    [Fact]
    public void Near_forms_are_those_a_scan_of_the_whole_vocabulary_finds()
    {
        var vocabulary = _index.Vocabulary;
        foreach (var typed in Misspellings().Distinct().Where((_, i) => i % 3 == 0))
        {
            var expected = Enumerable.Range(0, vocabulary.Count).Select(vocabulary.Term).Where(t => IsNear(typed, t)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, vocabulary.NearForms(typed).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>The correction as it was made before the buckets: every term of a close length, in the order added.</summary>
    private static string? ScanForCorrection(string term, Vocabulary vocabulary)
    {
        if (term.Length < 5 || term.Any(char.IsDigit)) return null;
        var maxEdits = term.Length >= 9 ? 2 : 1;
        string? best = null;
        int bestDistance = int.MaxValue, bestFrequency = -1;
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
            for (var id = 0; id < vocabulary.Count; id++)
            {
                var candidate = vocabulary.Term(id);
                if (candidate.Length != length) continue;
                var d = SpellingCorrector.Distance(term, candidate, maxEdits);
                if (d > maxEdits || (d == 2 && (candidate[0] != term[0] || candidate[1] != term[1]))) continue;
                var df = vocabulary.DocumentFrequency(id);
                if (d < bestDistance || (d == bestDistance && df > bestFrequency)) (best, bestDistance, bestFrequency) = (candidate, d, df);
            }
        return best;
    }

    /// <summary>The near-form test as it was made against each passage's terms.</summary>
    private static bool IsNear(string term, string t)
    {
        if (term.Length < 6) return false;
        var (shorter, longer) = t.Length <= term.Length ? (t.Length, term.Length) : (term.Length, t.Length);
        if (shorter < 0.85 * longer || t[0] != term[0]) return false;
        var common = 0;
        while (common < shorter && t[common] == term[common]) common++;
        return common >= shorter - 1 || SpellingCorrector.Distance(term, t, 1) <= 1;
    }
}
