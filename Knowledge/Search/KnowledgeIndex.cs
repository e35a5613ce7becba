using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Communaute.Knowledge.Search;

/// <summary>
/// A Lucene BM25 index over the entries (fields weighted: title, alternative questions, tags, section, body),
/// plus each entry's analysed terms to measure how much of a question an entry really covers.
/// Immutable once built; a reload builds a new one.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private static readonly (string Name, float Boost)[] Fields =
        [("title", 3.0f), ("questions", 2.5f), ("section", 1.2f), ("tags", 1.5f), ("body", 1.0f)];

    /// <summary>Share of a concept's weight credited when only a near form of it is found.</summary>
    private const double NearMatchCredit = 0.8;

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly EntryTerms[] _terms;

    public IReadOnlyList<KnowledgeEntry> Entries { get; }
    public Vocabulary Vocabulary { get; }
    public QueryAnalyzer QueryAnalyzer { get; }

    private KnowledgeIndex(IReadOnlyList<KnowledgeEntry> entries, SynonymTable synonyms, FrenchTextAnalyzer analyzer, double? unknownWeight)
    {
        Entries = entries;
        Analyzer = analyzer;
        Vocabulary = new Vocabulary();
        _terms = new EntryTerms[entries.Count];
        _directory = new RAMDirectory();
        var config = new IndexWriterConfig(FrenchTextAnalyzer.Version, analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
        };
        var questionWords = QuestionWords.Analysed(analyzer);
        using (var writer = new IndexWriter(_directory, config))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                string[] texts = [e.Title, string.Join(" \n ", e.Questions), e.Section, string.Join(" \n ", e.Tags), e.PlainBody];
                // Title and questions are analysed once: as fields, and one by one as headings.
                var titleTerms = analyzer.Terms(e.Title);
                var questionTerms = e.Questions.Select(analyzer.Terms).ToList();
                string[][] fieldTerms =
                [
                    [.. titleTerms], [.. questionTerms.SelectMany(q => q)],
                    [.. analyzer.Terms(texts[2])], [.. analyzer.Terms(texts[3])], [.. analyzer.Terms(texts[4])],
                ];
                var headings = questionTerms.Prepend(titleTerms)
                    .Select(h => h.Where(t => !questionWords.Contains(t)).ToHashSet(StringComparer.Ordinal))
                    .ToList();
                _terms[i] = new EntryTerms(fieldTerms, headings);
                Vocabulary.CountDocument(_terms[i].Distinct.Select(Vocabulary.GetOrAdd).ToList());

                var doc = new Document { new StoredField("ord", i) };
                for (var f = 0; f < Fields.Length; f++)
                    doc.Add(new TextField(Fields[f].Name, FrenchTextAnalyzer.Prepare(texts[f]), Field.Store.NO));
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        QueryAnalyzer = new QueryAnalyzer(analyzer, Vocabulary, synonyms, unknownWeight);
    }

    public static KnowledgeIndex Build(IReadOnlyList<KnowledgeEntry> entries, SynonymTable synonyms, double? unknownWordWeight = null) =>
        new(entries, synonyms, new FrenchTextAnalyzer(), unknownWordWeight);

    /// <summary>The best entries for the question, ranked by BM25 reweighted by coverage.</summary>
    public IReadOnlyList<SearchHit> Search(AnalysedQuery query, int count = 8)
    {
        if (query.IsEmpty || Entries.Count == 0) return [];
        var lucene = BuildQuery(query);
        if (lucene.Clauses.Count == 0) return [];
        var top = _searcher.Search(lucene, Math.Max(count * 3, 20));
        var hits = new List<SearchHit>(top.ScoreDocs.Length);
        var total = query.TotalWeight;
        var queryTerms = query.Concepts.SelectMany(c => c.Variants[0]).ToHashSet(StringComparer.Ordinal);
        var definitionTerms = query.AsksForDefinition ? DefinitionTerms(Analyzer) : [];
        foreach (var sd in top.ScoreDocs)
        {
            var ord = _searcher.Doc(sd.Doc).GetField("ord").GetInt32Value()!.Value;
            var terms = _terms[ord];
            double covered = 0, titleCovered = 0;
            foreach (var c in query.Concepts)
            {
                if (c.Variants.Any(v => terms.Contains(v))) covered += c.Weight;
                else if (c.Variants.Any(v => v.Count == 1 && terms.ContainsNear(v[0]))) covered += NearMatchCredit * c.Weight;
                if (c.Variants.Any(v => terms.Contains(v, EntryTerms.Title) || terms.Contains(v, EntryTerms.Questions)))
                    titleCovered += c.Weight;
            }
            var coverage = total > 0 ? covered / total : 0;
            var titleCoverage = total > 0 ? titleCovered / total : 0;
            // Coverage dominates: an entry that answers every part of the question beats one that repeats a word.
            // A question close to the entry's title or to one of its alternative questions is the strongest sign.
            var score = sd.Score * Math.Pow(0.25 + coverage, 2) * (1 + titleCoverage) * (1 + terms.HeadingSimilarity(queryTerms));
            if (definitionTerms.Length > 0 && definitionTerms.Any(t => terms.Contains([t], EntryTerms.Title) || terms.Contains([t], EntryTerms.Section)))
                score *= 2;
            hits.Add(new SearchHit(Entries[ord], sd.Score, coverage, titleCoverage, score));
        }
        return hits.OrderByDescending(h => h.Score).Take(count).ToList();
    }

    private static string[]? _definitionTerms;

    /// <summary>Analysed forms of the words that mark a defining passage.</summary>
    private static string[] DefinitionTerms(FrenchTextAnalyzer analyzer) =>
        _definitionTerms ??= new[] { "définition", "définitions", "définit", "définir" }.SelectMany(analyzer.Terms).Distinct().ToArray();

    private static BooleanQuery BuildQuery(AnalysedQuery query)
    {
        var root = new BooleanQuery();
        foreach (var concept in query.Concepts)
        {
            foreach (var variant in concept.Variants)
            {
                foreach (var (field, boost) in Fields)
                {
                    Query q;
                    if (variant.Count == 1)
                        q = new TermQuery(new Term(field, variant[0]));
                    else
                    {
                        var phrase = new PhraseQuery { Slop = 1 };
                        foreach (var t in variant) phrase.Add(new Term(field, t));
                        q = phrase;
                    }
                    q.Boost = boost;
                    root.Add(q, Occur.SHOULD);
                }
            }
        }

        // Neighbouring words of the question found together ("fonds de confiance") count extra.
        var singles = query.Concepts.Where(c => c.Variants.Count == 1).Select(c => c.Variants[0]).ToList();
        for (var i = 0; i + 1 < singles.Count; i++)
        {
            foreach (var field in new[] { "title", "body" })
            {
                var phrase = new PhraseQuery { Slop = 2, Boost = field == "title" ? 2f : 1f };
                foreach (var t in singles[i].Concat(singles[i + 1])) phrase.Add(new Term(field, t));
                root.Add(phrase, Occur.SHOULD);
            }
        }
        return root;
    }

    /// <summary>The analyser the index was built with, to analyse sentences the same way.</summary>
    public FrenchTextAnalyzer Analyzer { get; }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
