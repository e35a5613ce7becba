using System.Runtime.CompilerServices;
using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Understanding;
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
public sealed partial class KnowledgeIndex : IDisposable
{
    private static readonly (string Name, float Boost)[] Fields =
        [("title", 3.0f), ("questions", 2.5f), ("section", 1.2f), ("tags", 1.5f), ("body", 1.0f), ("situations", SituationsBoost)];

    /// <summary>
    /// Weight of the members' own questions: below the curated title and alternative questions (they name the subject),
    /// about the body's (they say what it answers in other words).
    /// </summary>
    private const float SituationsBoost = 1.2f;

    /// <summary>Share of a concept's weight credited when only a near form of it is found.</summary>
    private const double NearMatchCredit = 0.8;

    /// <summary>Share of its coverage a passage keeps when it lacks a name the question typed.</summary>
    private const double MissingNameFactor = 0.5;

    private readonly EntryTerms[] _terms;
    private readonly QueryWeights _weights;

    /// <summary>Lucene's ranking of the clauses (<see cref="LexicalRanking"/>); document d is entry d.</summary>
    private readonly LexicalRanking _ranking;

    /// <summary>How many entries analysis may be ahead of merging: what a large base holds in analyses at once.</summary>
    private const int AheadOfMerging = 2048;

    /// <summary>Most clauses in one Lucene query (its own limit is 1,024).</summary>
    private const int MaxClauses = 900;

    public IReadOnlyList<KnowledgeEntry> Entries { get; }
    public Vocabulary Vocabulary { get; }
    public QueryAnalyzer QueryAnalyzer { get; }
    public Lexicon Lexicon { get; }

    /// <summary>Every word of the base as written (folded) with the number of entries it is in, and the small words of French: what chat text is checked against.</summary>
    public IReadOnlyDictionary<string, int> SurfaceWords { get; }
    public ChatFrench ChatFrench { get; }

    /// <summary>Two words written side by side in the base, one of them with a capital (folded): the names it writes ("france active").</summary>
    public IReadOnlySet<string> NamePairs { get; }

    /// <summary>True when the base writes this (folded) word, or every neighbouring pair of this name of several words.</summary>
    public bool Knows(string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1) return SurfaceWords.ContainsKey(words[0]);
        for (var i = 0; i + 1 < words.Length; i++)
            if (!NamePairs.Contains(NameWords.Key(words[i], words[i + 1]))) return false;
        return words.Length > 1;
    }

    /// <summary>The analysed terms of the words the base writes as names (a capital inside a sentence, an acronym): what a typed name may be a slip of.</summary>
    public IReadOnlySet<string> NameTerms { get; }
    public EnglishQuestion English { get; }

    private KnowledgeIndex(IReadOnlyList<KnowledgeEntry> entries, Lexicon lexicon, FrenchTextAnalyzer analyzer, QueryWeights weights)
    {
        Entries = entries;
        Lexicon = lexicon;
        _weights = weights;
        Analyzer = analyzer;
        Vocabulary = new Vocabulary();
        _lucene = new Lazy<IndexSearcher>(() => WriteLucene(entries, analyzer));
        _terms = new EntryTerms[entries.Count];
        var questionWords = QuestionWords.Analysed(analyzer);
        var postings = new LexicalRanking.Builder([.. Fields.Select(f => f.Name)]);
        // Each entry is analysed once, on every core, in the entries' order, each core counting the words it reads;
        // one more thread takes the analyses as they come, in that order, adds them to the postings and the vocabulary,
        // then lets each analysis go, so the index is the same whatever the timing and a large base is never held twice.
        var prepared = new PreparedEntry?[entries.Count];
        var merged = 0;
        using var stop = new CancellationTokenSource();
        var merging = Task.Run(() =>
        {
            var wait = new SpinWait();
            for (var i = 0; i < entries.Count; i++)
            {
                PreparedEntry? p;
                while ((p = Volatile.Read(ref prepared[i])) is null)
                {
                    if (stop.IsCancellationRequested) return;
                    wait.SpinOnce(sleep1Threshold: 10);
                }
                prepared[i] = null;
                Volatile.Write(ref merged, i + 1);
                postings.Add(p.Analysed);
                _terms[i] = p.Terms;
                Vocabulary.CountDocument(p.Terms.Distinct.Select(Vocabulary.GetOrAdd).ToList());
            }
        });
        var next = -1;
        var read = new List<EntryWords>();
        var shared = new SharedAnalyses(analyzer);
        try
        {
            Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
            {
                var words = new EntryWords();
                var wait = new SpinWait();
                for (int i; (i = Interlocked.Increment(ref next)) < entries.Count;)
                {
                    while (i - Volatile.Read(ref merged) > AheadOfMerging && !merging.IsCompleted) wait.SpinOnce(sleep1Threshold: 10);
                    Volatile.Write(ref prepared[i], Prepare(entries[i], i, analyzer, shared, questionWords, words));
                }
                lock (read) read.Add(words);
            });
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        var surface = new Dictionary<string, int>(StringComparer.Ordinal);
        var namePairs = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in read)
        {
            foreach (var (w, counter) in words.Surface) surface[w] = surface.GetValueOrDefault(w) + counter.Entries;
            namePairs.UnionWith(words.NamePairs);
            names.UnionWith(words.Names);
        }
        merging.GetAwaiter().GetResult();
        _ranking = postings.Build();
        QueryAnalyzer = new QueryAnalyzer(analyzer, Vocabulary, lexicon, weights);
        // Words of French and of the curated lists count as frequent: they are never rewritten.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in QuestionWords.Surface.Concat(lexicon.CommonWords).Concat(FrenchSmallWords)) listed.Add(Folding.Fold(w));
        foreach (var g in lexicon.Synonyms.Groups) foreach (var v in g) AddSurface(listed, v);
        foreach (var w in listed) surface[w] = Math.Max(surface.GetValueOrDefault(w), 1000);
        SurfaceWords = surface;
        NamePairs = namePairs;
        NameTerms = names.SelectMany(analyzer.Terms).ToHashSet(StringComparer.Ordinal);
        ChatFrench = new ChatFrench(surface);
        English = new EnglishQuestion(lexicon.EnglishGlossary, surface.Keys.ToHashSet(StringComparer.Ordinal));
    }

    private static string[] FieldTexts(KnowledgeEntry e) =>
        [e.Title, string.Join(" \n ", e.Questions), e.Section, string.Join(" \n ", e.Tags), e.PlainBody, string.Join(" \n ", e.Situations)];

    /// <summary>What one entry adds to the index: its analysed fields for the postings, its terms by field.</summary>
    private sealed record PreparedEntry(AnalysedText[][] Analysed, EntryTerms Terms);

    /// <summary>The words one core has read in its entries: each chat word with the number of those entries it is in, names.</summary>
    private sealed class EntryWords
    {
        public sealed class Counter
        {
            public int Entries, Last = -1;
        }

        public readonly Dictionary<string, Counter> Surface = new(StringComparer.Ordinal);
        public readonly HashSet<string> NamePairs = new(StringComparer.Ordinal);
        public readonly HashSet<string> Names = new(StringComparer.Ordinal);

        /// <summary>Counts a word of entry <paramref name="entry"/> (once per entry).</summary>
        public void Count(ReadOnlySpan<char> word, int entry)
        {
            var lookup = Surface.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(word, out var counter)) lookup[word] = counter = new Counter();
            if (counter.Last == entry) return;
            counter.Last = entry;
            counter.Entries++;
        }
    }

    private static PreparedEntry Prepare(KnowledgeEntry e, int entry, FrenchTextAnalyzer analyzer, SharedAnalyses shared, IReadOnlySet<string> questionWords, EntryWords words)
    {
        var texts = FieldTexts(e);
        for (var f = 0; f < texts.Length; f++)
        {
            var t = texts[f];
            // A text entries share (the same questions, section or tags) is read once; its words still count for this entry.
            if (f is not (EntryTerms.Title or EntryTerms.Body) && shared.SurfaceWords(t) is { } known)
            {
                foreach (var w in known) words.Count(w, entry);
                continue;
            }
            var seen = new List<string>();
            ForEachSurfaceWord(t, w => { words.Count(w, entry); seen.Add(w.ToString()); });
            NameWords.AddPairs(words.NamePairs, t);
            foreach (var name in NameWords.Written(t)) words.Names.Add(name);
            if (f is not (EntryTerms.Title or EntryTerms.Body)) shared.KeepSurfaceWords(t, seen);
        }
        // Lists are analysed item by item: one field for the index, and each question as a heading.
        AnalysedText[][] analysed =
        [
            [analyzer.Analyse(e.Title)], [.. e.Questions.Select(shared.Analyse)], [shared.Analyse(e.Section)],
            [.. e.Tags.Select(shared.Analyse)], [analyzer.Analyse(e.PlainBody)], [.. e.Situations.Select(shared.Analyse)],
        ];
        var fieldTerms = analysed.Select(f => f.Length == 1 ? f[0].Terms : f.SelectMany(a => a.Terms).ToArray()).ToArray();
        var titleTerms = analysed[EntryTerms.Title][0].Terms;
        var questionTerms = analysed[EntryTerms.Questions].Select(a => a.Terms);
        var situationTerms = analysed[EntryTerms.Situations].Select(a => a.Terms);
        var headings = questionTerms.Prepend(titleTerms).Concat(situationTerms)
            .Select(h => h.Where(t => !questionWords.Contains(t)).ToHashSet(StringComparer.Ordinal))
            .ToList();
        var subjectTerms = analyzer.Terms(TitleSubject(e.Title)).Where(t => !questionWords.Contains(t)).ToList();
        var terms = new EntryTerms(fieldTerms, headings, subjectTerms.ToHashSet(StringComparer.Ordinal)) { SubjectHead = subjectTerms.FirstOrDefault() };
        return new PreparedEntry(analysed, terms);
    }

    public static KnowledgeIndex Build(IReadOnlyList<KnowledgeEntry> entries, Lexicon lexicon, QueryWeights? weights = null) =>
        new(entries, lexicon, new FrenchTextAnalyzer(), weights ?? new QueryWeights());

    private static readonly string[] FrenchSmallWords =
    [
        "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il", "je", "la", "le", "les", "leur",
        "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que",
        "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "est", "sont",
        "ai", "as", "avons", "avez", "ont", "suis", "es", "sommes", "etes", "etait", "ete", "fait", "faire", "peut", "peux", "veux", "veut",
        "quoi", "quel", "quelle", "quels", "quelles", "comment", "pourquoi", "quand", "combien", "ou", "ca", "cela", "ceci", "c'est",
    ];

    /// <summary>
    /// Adds the folded words of a text (<c>[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*</c>), and the parts of those with an
    /// apostrophe or a hyphen: "l'innovation" also teaches "innovation", "saint-etienne" also "saint" and "etienne".
    /// Read in one pass, a word made a string only the first time in the set.
    /// </summary>
    internal static void AddSurface(HashSet<string> surface, string text)
    {
        var lookup = surface.GetAlternateLookup<ReadOnlySpan<char>>();
        ForEachSurfaceWord(text, w => lookup.Add(w));
    }

    private delegate void WordAction(ReadOnlySpan<char> word);

    private static void ForEachSurfaceWord(string text, WordAction action)
    {
        var folded = Folding.Fold(text);
        var i = 0;
        while (i < folded.Length)
        {
            if (!IsLetterOrNumber(folded[i])) { i++; continue; }
            var start = i;
            var parts = false;
            while (true)
            {
                while (i < folded.Length && IsLetterOrNumber(folded[i])) i++;
                if (i + 1 < folded.Length && folded[i] is '\'' or '-' && IsLetterOrNumber(folded[i + 1])) { i++; parts = true; }
                else break;
            }
            var word = folded.AsSpan(start, i - start);
            action(word);
            if (!parts) continue;
            foreach (var range in word.SplitAny('\'', '-'))
                action(word[range]);
        }
    }

    private static bool IsLetterOrNumber(char c) => char.GetUnicodeCategory(c) is <= System.Globalization.UnicodeCategory.OtherLetter
        or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber;

    /// <summary>What the title names: its part before a colon, a dash or a parenthesis ("Fonds de confiance : …" → "Fonds de confiance").</summary>
    public static string TitleSubject(string title)
    {
        var cut = title.IndexOfAny([':', '(', '—', '–', '?']);
        var head = cut > 0 ? title[..cut] : title;
        var comma = head.IndexOf(", ", StringComparison.Ordinal);
        return comma > 0 ? head[..comma] : head;
    }

    // Compiled optimised from the first call (here and below), as LexicalRanking explains.
    /// <summary>The best entries for the question, ranked by BM25 reweighted by coverage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<SearchHit> Search(AnalysedQuery query, int count = 8)
    {
        if (query.IsEmpty || Entries.Count == 0) return [];
        var clauses = Clauses(query, prune: true);
        if (clauses.Count == 0) return [];
        var top = _ranking.Top(clauses, Math.Max(count * 4, 32));
        var hits = new List<SearchHit>(top.Length);
        var total = query.TotalWeight;
        var tellsSituation = query.Concepts.Count(c => !c.Context) >= _weights.LongQuestionConcepts;
        var queryTerms = query.Concepts.SelectMany(c => c.Variants[0]).ToHashSet(StringComparer.Ordinal);
        // The near forms of each concept's single terms, found once for all the passages (when a passage lacks the term itself).
        var nearForms = new IReadOnlySet<string>?[query.Concepts.Count];
        foreach (var sd in top)
        {
            var ord = sd.Doc;
            var terms = _terms[ord];
            double covered = 0, titleCovered = 0, uncounted = 0;
            ulong coveredConcepts = 0;
            var missingName = false;
            for (var i = 0; i < query.Concepts.Count; i++)
            {
                var c = query.Concepts[i];
                if (c.Context) continue;
                if (ContainsAny(terms, c.Variants)) { covered += c.Weight; coveredConcepts |= Bit(i); }
                else if (terms.ContainsAny(nearForms[i] ??= NearForms(c))) { covered += NearMatchCredit * c.Weight; coveredConcepts |= Bit(i); }
                else if (c.Required) missingName = true;
                else if (c.Common && tellsSituation) uncounted += c.Weight;
                if (ContainsAny(terms, c.Variants, EntryTerms.Title) || ContainsAny(terms, c.Variants, EntryTerms.Questions))
                    titleCovered += c.Weight;
            }
            // A passage without a name the member typed is about something else: it counts half.
            // In a member's situation, everyday words (mots-courants.txt) tell the situation more than the subject: they
            // count for a passage that holds them, never against one that does not. In a short question they are the
            // question (« quel temps fera-t-il à Nantes »).
            var counted = total - uncounted;
            var coverage = (counted > 0 ? covered / counted : 0) * (missingName ? MissingNameFactor : 1);
            var titleCoverage = total > 0 ? titleCovered / total : 0;
            // Coverage dominates: an entry that answers every part of the question beats one that repeats a word.
            // A question close to the entry's title or to one of its alternative questions is the strongest sign.
            var score = sd.Score * Math.Pow(0.25 + coverage, 2) * (1 + titleCoverage) * (1 + terms.HeadingSimilarity(queryTerms));
            // Asked what something is: the entries about it (it is what their title names) come first.
            var defines = query.AsksForDefinition && Defines(terms, query);
            if (defines) score *= 2;
            hits.Add(new SearchHit(Entries[ord], sd.Score, coverage, titleCoverage, score)
            {
                DefinesSubject = defines,
                CoveredConcepts = coveredConcepts,
            });
        }
        return hits.OrderByDescending(h => h.Score).Take(count).ToList();
    }

    private static ulong Bit(int i) => i < 64 ? 1UL << i : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ContainsAny(EntryTerms terms, IReadOnlyList<IReadOnlyList<string>> variants, int? onlyField = null)
    {
        foreach (var v in variants)
            if (terms.Contains(v, onlyField)) return true;
        return false;
    }

    /// <summary>The near forms of a concept's single-term variants (a variant of several terms has none).</summary>
    private IReadOnlySet<string> NearForms(QueryConcept concept)
    {
        IReadOnlySet<string>? only = null;
        HashSet<string>? union = null;
        foreach (var v in concept.Variants)
        {
            if (v.Count != 1) continue;
            var forms = Vocabulary.NearForms(v[0]);
            if (forms.Count == 0) continue;
            if (only is null) only = forms;
            else (union ??= new HashSet<string>(only, StringComparer.Ordinal)).UnionWith(forms);
        }
        return union ?? only ?? EmptyForms;
    }

    private static readonly HashSet<string> EmptyForms = [];

    /// <summary>
    /// True when the entry is about what the question asks to define: every concept of the question is in what the
    /// entry's title names, or an alternative question asks about it alone ("Qu'est-ce que le FISO ?").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Defines(EntryTerms terms, AnalysedQuery query)
    {
        var concepts = query.Concepts.Where(c => c.Weight > 0.5).ToList();
        if (concepts.Count == 0) concepts = query.Concepts.ToList();
        bool InSubject(QueryConcept c) => c.Variants.Any(v => v.All(terms.Subject.Contains));
        // The title names it first and little else ("Fonds de confiance : …", "Aravis, agence …"), not as a complement
        // ("Le Carnet de l'innovation sociale" is about a carnet).
        var leads = terms.SubjectHead is { } head && concepts.Any(c => c.Variants.Any(v => v.Contains(head)));
        if (leads && concepts.All(InSubject) && terms.Subject.Count <= concepts.Sum(c => c.Variants.Min(v => v.Count)) + 2) return true;
        // The title is a definition: "L'innovation sociale consiste à …".
        var title = terms.Fields[EntryTerms.Title];
        if (concepts.Count == 1 && concepts[0].Variants.Any(v => title.Length > v.Count && title.Take(v.Count).SequenceEqual(v) && DefiningVerbs.Contains(title[v.Count])))
            return true;
        var queryTerms = concepts.SelectMany(c => c.Variants).SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        return terms.Headings.Skip(1).Any(h => h.Count > 0 && concepts.All(c => c.Variants.Any(v => v.All(h.Contains))) && h.All(queryTerms.Contains));
    }

    private static readonly HashSet<string> DefiningVerbs =
        new FrenchTextAnalyzer().Terms("consiste désigne définit signifie repose correspond regroupe").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// One clause per concept variant and field, plus phrases of neighbouring words. A clause on a term its field does
    /// not hold would match nothing and add nothing to any score: it is left out (<paramref name="prune"/>), but still
    /// counts against the limit, so a long question keeps the same clauses as if all were sent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal List<LexicalClause> Clauses(AnalysedQuery query, bool prune)
    {
        var clauses = new List<LexicalClause>();
        var counted = 0;
        var heaviest = Math.Max(0.01, query.Concepts.Max(c => c.Weight));
        foreach (var concept in query.Concepts)
        {
            // Rare words lead the ranking (relative to the rarest, which keeps its score): an everyday word with many
            // synonyms must not drown the name asked about.
            var weight = (float)Math.Max(0.1, concept.Weight / heaviest);
            foreach (var variant in concept.Variants)
            {
                foreach (var (field, boost) in Fields)
                {
                    if (counted >= MaxClauses) return clauses;
                    counted++;
                    if (prune && !_ranking.Holds(field, variant)) continue;
                    clauses.Add(new LexicalClause(field, variant, boost * weight * (variant == concept.Variants[0] ? 1f : 0.8f), Slop: 1));
                }
            }
        }

        // Neighbouring words of the question found together ("fonds de confiance") count extra.
        var singles = query.Concepts.Where(c => c.Variants.Count == 1).Select(c => c.Variants[0]).ToList();
        for (var i = 0; i + 1 < singles.Count && counted < MaxClauses - 2; i++)
        {
            foreach (var field in new[] { "title", "body" })
            {
                counted++;
                var words = singles[i].Concat(singles[i + 1]).ToList();
                if (prune && !_ranking.Holds(field, words)) continue;
                clauses.Add(new LexicalClause(field, words, field == "title" ? 2f : 1f, Slop: 2));
            }
        }
        return clauses;
    }

    /// <summary>
    /// Lucene's own top documents for every clause of the question (none left out), from a Lucene index written from the
    /// entries' text the usual way: what <see cref="Search"/> must reproduce (for tests; written on first use).
    /// </summary>
    internal ScoreDoc[] LuceneTop(AnalysedQuery query, int count)
    {
        var root = new BooleanQuery();
        foreach (var clause in Clauses(query, prune: false))
        {
            Query q;
            if (clause.Terms.Count == 1)
                q = new TermQuery(new Term(clause.Field, clause.Terms[0]));
            else
            {
                var phrase = new PhraseQuery { Slop = clause.Slop };
                foreach (var t in clause.Terms) phrase.Add(new Term(clause.Field, t));
                q = phrase;
            }
            q.Boost = clause.Boost;
            root.Add(q, Occur.SHOULD);
        }
        return root.Clauses.Count == 0 ? [] : _lucene.Value.Search(root, count).ScoreDocs;
    }

    private readonly Lazy<IndexSearcher> _lucene;

    private static IndexSearcher WriteLucene(IReadOnlyList<KnowledgeEntry> entries, FrenchTextAnalyzer analyzer)
    {
        var directory = new RAMDirectory();
        // Merged segments keep the documents in order (document d is entry d), as a log merge policy does.
        var config = new IndexWriterConfig(FrenchTextAnalyzer.Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE, MergePolicy = new LogDocMergePolicy() };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var e in entries)
            {
                var doc = new Document();
                var texts = FieldTexts(e);
                for (var f = 0; f < Fields.Length; f++)
                    doc.Add(new TextField(Fields[f].Name, FrenchTextAnalyzer.Prepare(texts[f]), Field.Store.NO));
                writer.AddDocument(doc);
            }
            writer.ForceMerge(1);
        }
        return new IndexSearcher(DirectoryReader.Open(directory)) { Similarity = new BM25Similarity() };
    }

    /// <summary>Top documents as <see cref="Search"/> ranks them before reweighting (for tests comparing with <see cref="LuceneTop"/>).</summary>
    internal ScoreDoc[] LexicalTop(AnalysedQuery query, int count)
    {
        var clauses = Clauses(query, prune: true);
        return clauses.Count == 0 ? [] : _ranking.Top(clauses, count);
    }

    /// <summary>The analyser the index was built with, to analyse sentences the same way.</summary>
    public FrenchTextAnalyzer Analyzer { get; }

    public void Dispose()
    {
        if (_lucene.IsValueCreated) _lucene.Value.IndexReader.Dispose();
    }
}
