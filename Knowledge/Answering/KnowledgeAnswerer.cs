using System.Diagnostics;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;
using Communaute.Knowledge.Understanding;

namespace Communaute.Knowledge.Answering;

/// <summary>
/// Reads the message (small talk, English, chat French, a pasted paragraph, what is asked), ranks the passages, then
/// decides among three outcomes with the calibrated policy: a cited answer, the closest passages offered as such, or
/// an honest "je ne sais pas" — which is also the outcome when the passage on the subject lacks the detail asked or
/// only mentions what the member asked to define.
/// </summary>
public sealed partial class KnowledgeAnswerer(KnowledgeIndex index, AnswerPolicy policy)
{
    public const string EnglishNote = "Je réponds en français à partir de la base de la communauté.";
    public const string PartialLead = "Voici ce qui s'en rapproche dans la base :";
    public const string BroadLead = "Votre question est large : précisez-la, ou choisissez l'une de ces fiches :";

    public KnowledgeIndex Index => index;
    public AnswerPolicy Policy => policy;

    public KnowledgeAnswer Answer(string question)
    {
        var clock = Stopwatch.StartNew();
        var (reading, hits) = Rank(question);
        return Compose(reading, hits, clock);
    }

    /// <summary>Reads the message as the search needs it.</summary>
    public QuestionReading Read(string question)
    {
        var smallTalk = SmallTalk.Classify(question);
        var english = smallTalk == SmallTalkKind.None && EnglishQuestion.IsEnglish(question);
        var rewrites = new List<string>();
        var french = english ? index.English.ToFrench(question) : question;
        if (english) rewrites.Add("anglais → " + french);
        french = index.Lexicon.Places.ReadAsRegions(french, index.Knows, rewrites);
        var normalized = index.ChatFrench.Normalize(french, rewrites);
        var (asking, context) = LongQuestion.IsLong(normalized) ? LongQuestion.Split(normalized) : (normalized, "");
        var intent = QuestionIntent.Read(english ? Folding.Fold(question) : asking);
        if (english && intent.Counted is { } counted) intent = intent with { Counted = index.English.ToFrench(counted) };
        var query = smallTalk == SmallTalkKind.None
            ? index.QueryAnalyzer.Analyse(asking, context, intent.AsksForDefinition)
            : new AnalysedQuery(asking, []);
        var names = TypedNames(french);
        if (names.Count > 0)
            query = query with { Concepts = query.Concepts.Select(c => c.Known && Folding.Fold(c.Surface).Split(' ').Any(w => names.Contains(WithoutElision(w))) ? c with { Required = true } : c).ToList() };
        return new QuestionReading(question, smallTalk, english, normalized, rewrites, asking, context, intent, query)
        {
            UnknownNames = smallTalk == SmallTalkKind.None ? UnknownNames(french, english ? question : french, english) : [],
        };
    }

    /// <summary>« La base ne parle pas de Lorient : voici ce qu'elle dit de la Bretagne. »</summary>
    private static string? PlaceNote(QuestionReading reading)
    {
        var places = reading.Rewrites.Where(r => r.StartsWith(Places.RewritePrefix, StringComparison.Ordinal))
            .Select(r => r[Places.RewritePrefix.Length..].Split(" → ")).Where(p => p.Length == 2).ToList();
        if (places.Count == 0) return null;
        return string.Join(" ", places.Select(p => $"La base ne parle pas de {p[0]} : voici ce qu'elle dit de la région ({p[1]})."));
    }

    private static string WithoutElision(string word) => word.IndexOf('\'') is var i and >= 0 and <= 6 ? word[(i + 1)..] : word;

    /// <summary>Words typed as names: a capital inside a sentence, or an acronym (folded).</summary>
    private static HashSet<string> TypedNames(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in TypedName().Matches(text))
            names.Add(WithoutElision(Folding.Fold(m.Value)));
        return names;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[\p{L}\p{N},;:'’] )\p{Lu}[\p{L}'’\-.]*\p{L}|\b\p{Lu}{2,}\b")]
    private static partial System.Text.RegularExpressions.Regex TypedName();

    /// <summary>
    /// Words typed as names (a capital, an acronym) or years that the base does not know, even with a slip corrected:
    /// a question about them is about something the base does not cover, however well its other words match.
    /// </summary>
    private List<string> UnknownNames(string text, string typed, bool english)
    {
        var names = new List<string>();
        var mixedCase = typed.Any(char.IsLower);
        foreach (System.Text.RegularExpressions.Match m in NameOrYear().Matches(text))
        {
            var word = m.Value;
            var folded = Folding.Fold(word);
            if (index.SurfaceWords.ContainsKey(folded)) continue;
            var terms = index.Analyzer.CachedTerms(folded);
            // A slip of one letter in a long name is still that name ("Ronalpiaa"); more than that is another name.
            // A capital inside a sentence says the word is a name: only a name of the base is near enough ("Ronalpa"
            // is Ronalpia; "Lorient" is not "orientation"). A sentence's first word, or a message in capitals, may be anything.
            var typedAsName = mixedCase && NameWords.IsInsideSentence(text, m.Index);
            // In an English question, a capital starting a sentence is English grammar, not a name ("According to…").
            if (english && !NameWords.IsInsideSentence(text, m.Index) && !word.Any(char.IsDigit)) continue;
            if (terms.Count == 0 || terms.Any(t => index.Vocabulary.Contains(t)
                || (t.Length >= 6 && SpellingCorrector.Correct(t, index.Vocabulary) is { } near && SpellingCorrector.Distance(t, near, 1) <= 1
                    && (!typedAsName || index.NameTerms.Contains(near))))) continue;
            names.Add(word);
        }
        // Every word known, never written together in the base: a name it does not know ("Initiative France").
        // Read as typed: a translation from English drops the small words between two names.
        // A message typed in capitals throughout has no names to tell apart.
        foreach (var run in typed.Any(char.IsLower) ? NameWords.Runs(typed) : [])
        {
            var folded = run.Select(Folding.Fold).ToList();
            if (folded.Any(w => !index.SurfaceWords.ContainsKey(w))) continue;
            if (Enumerable.Range(0, run.Count - 1).Any(i => !index.NamePairs.Contains(NameWords.Key(run[i], run[i + 1]))))
                names.Add(string.Join(' ', run));
        }
        return names;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:\p{Lu}[\p{L}'’\-]*[\p{L}]|(?:19|20)\d\d)\b")]
    private static partial System.Text.RegularExpressions.Regex NameOrYear();

    /// <summary>Ranks without composing, for callers that rerank (embeddings) before answering.</summary>
    public (QuestionReading Reading, IReadOnlyList<SearchHit> Hits) Rank(string question)
    {
        var reading = Read(question);
        return (reading, reading.SmallTalk == SmallTalkKind.None ? index.Search(reading.Query) : []);
    }

    /// <param name="quote">False to decide without trimming the quote (calibration needs only the outcome and the sources).</param>
    public KnowledgeAnswer Compose(QuestionReading reading, IReadOnlyList<SearchHit> hits, Stopwatch clock, bool quote = true)
    {
        var (answer, reason) = Decide(reading, hits, quote);
        if (answer.Answered && PlaceNote(reading) is { } place)
            answer = answer with { Note = answer.Note is null ? place : answer.Note + " " + place };
        return answer with
        {
            Decision = new AnswerDecision(reading, hits, policy, reason),
            ElapsedMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    private (KnowledgeAnswer, string) Decide(QuestionReading reading, IReadOnlyList<SearchHit> hits, bool quote)
    {
        var question = reading.Question;
        if (reading.SmallTalk != SmallTalkKind.None)
            return (new KnowledgeAnswer { Question = question, Kind = AnswerKind.SmallTalk, SmallTalk = reading.SmallTalk, Text = SmallTalkText(reading.SmallTalk) },
                "conversation : " + reading.SmallTalk);
        if (reading.Query.IsEmpty)
            return (new KnowledgeAnswer
            {
                Question = question,
                Kind = AnswerKind.Unclear,
                Text = "Je n'ai pas compris la question. Pouvez-vous la formuler avec quelques mots de plus ?",
            }, "aucun mot à chercher");

        if (reading.UnknownNames.Count > 0)
            return (Abstain(question, hits, reading.Query) with
            {
                Text = $"Je ne sais pas : la base de connaissances de la communauté ne parle pas de {string.Join(", ", reading.UnknownNames.Select(n => "« " + n + " »"))}.",
            }, "inconnu de la base : " + string.Join(", ", reading.UnknownNames));

        // Only figures and everyday words ("Combien font 12 fois 13 ?"): nothing says what the question is about.
        if (reading.Query.Concepts.All(c => c.Common || c.Variants.All(v => v.All(t => t.All(char.IsDigit)))))
            return (Abstain(question, []), "aucun mot ne dit le sujet (chiffres et mots courants seulement)");

        var best = hits.FirstOrDefault();
        var partial = policy.PartialFor(reading.Query);
        if (best is null || best.LexicalScore < policy.MinLexicalScore || best.Coverage < partial)
            return (Abstain(question, hits, reading.Query),
                best is null ? "aucune fiche trouvée"
                : best.LexicalScore < policy.MinLexicalScore ? $"score {best.LexicalScore:F1} < {policy.MinLexicalScore:F1}"
                : $"couverture {best.Coverage:F2} < {partial:F2}");

        if (MeetsOnlyPlaceOrGenericWord(reading.Query, best))
            return (Abstain(question, []), "la base ne rejoint la question que par un lieu ou un mot général");

        var intent = reading.Intent;
        var close = hits.TakeWhile(h => h.Coverage >= partial && h.Score >= best.Score * 0.5).Take(4).ToList();

        // Answer the question asked: a figure, a date, a name… must be in the passage quoted.
        if (intent.Detail != DetailKind.None)
        {
            var questionWords = reading.Asking.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var withDetail = close.FirstOrDefault(h => h.Coverage >= best.Coverage - 0.15 && DetailFinder.Contains(h.Entry.PlainBody, intent, questionWords, index.Analyzer));
            if (withDetail is null && !SharesSubject(reading.Query, best))
                return (Abstain(question, []), $"détail demandé ({intent.Detail}) ; la fiche la plus proche ne traite pas du sujet de la question");
            if (withDetail is null)
                return (new KnowledgeAnswer
                {
                    Question = question,
                    Kind = AnswerKind.MissingDetail,
                    Text = $"La base parle de {Subject(best.Entry)} mais ne donne pas {DetailFinder.Describe(intent)}.",
                    Sources = [Source(best)],
                }, $"détail demandé ({intent.Detail}) absent des fiches proches");
            best = withDetail;
        }

        // Asked what something is: the entry about it, or say that the base only mentions it.
        if (intent.AsksForDefinition && best.Coverage >= policy.MinCoverage)
        {
            var defining = close.FirstOrDefault(h => h.DefinesSubject);
            if (defining is not null) best = defining;
            else if (Expansion(reading.Query, close) is { } expanded)
                return (new KnowledgeAnswer
                {
                    Question = question,
                    Kind = AnswerKind.Partial,
                    Text = $"{expanded.Acronym} : {expanded.Expansion}. La base n'en donne pas de définition détaillée ; elle en parle ici :",
                    Sources = close.Where(h => h.Entry == expanded.Entry).Concat(close).Distinct().Take(3).Select(Source).ToList(),
                }, "définition demandée : la base ne donne que la forme longue du sigle");
            else if (IsConcept(reading.Query))
                return (new KnowledgeAnswer
                {
                    Question = question,
                    Kind = AnswerKind.NotDefined,
                    Text = $"La base ne définit pas {Display(TypedSubject(reading.Question, intent.Subject), reading.Query)} ; elle en parle ici :",
                    Sources = close.Take(3).Select(Source).ToList(),
                }, "définition demandée, aucune fiche ne la donne");
        }

        if (IsBroad(reading, best, hits))
            return (new KnowledgeAnswer
            {
                Question = question,
                Kind = AnswerKind.Partial,
                Text = BroadLead,
                Note = reading.English ? EnglishNote : null,
                Sources = hits.DistinctBy(h => h.Entry.Title).Take(3).Select(Source).ToList(),
            }, "question large : plusieurs fiches y répondent autant, le membre choisit");

        if (best.Coverage < policy.MinCoverage)
        {
            return (new KnowledgeAnswer
            {
                Question = question,
                Kind = AnswerKind.Partial,
                Text = PartialLead,
                Note = reading.English ? EnglishNote : null,
                Sources = Cited(best, hits, MoreCovering(best, hits)),
            }, $"couverture {best.Coverage:F2} entre {partial:F2} et {policy.MinCoverage:F2} : fiches proches");
        }

        return (Confident(reading, best, hits, quote) with { Note = reading.English ? EnglishNote : null },
            $"couverture {best.Coverage:F2} ≥ {policy.MinCoverage:F2}, score {best.LexicalScore:F1}");
    }

    /// <summary>Entries answering about as well as the best one, from which a one-subject question is "large".</summary>
    public const int BroadEntries = 3;

    /// <summary>
    /// One subject and nothing more ("financement", "le mentorat ?"): when several entries cover it about as well as the
    /// best, picking one would be picking at random; the member chooses (or asks more precisely).
    /// </summary>
    private bool IsBroad(QuestionReading reading, SearchHit best, IReadOnlyList<SearchHit> hits)
    {
        var intent = reading.Intent;
        if (intent.Detail != DetailKind.None || intent.AsksForDefinition || best.Coverage < policy.MinCoverage) return false;
        var subjects = reading.Query.Concepts.Where(c => !c.Common && !c.Context && c.Weight >= 0.5).ToList();
        if (subjects.Count == 0 || subjects.Any(c => c.Required)) return false;
        if (subjects.Count == 1) return hits.Count(h => h.Coverage >= policy.MinCoverage && h.Score >= best.Score * 0.5) >= BroadEntries;
        // « comment trouver un financement pour mon projet », « besoin d'aide pour monter mon asso »: only words the
        // whole base uses — many passages answer a part of it, none the question.
        if (subjects.Count > 4 || !subjects.All(IsGeneric)) return false;
        var partial = policy.PartialFor(reading.Query);
        return hits.Count(h => h.Coverage >= partial && h.Score >= best.Score * 0.4) >= BroadEntries;
    }

    private KnowledgeAnswer Confident(QuestionReading reading, SearchHit best, IReadOnlyList<SearchHit> hits, bool quote)
    {
        var others = hits.Where(h => h != best).ToList();
        var sources = Cited(best, hits);
        var alternatives = others
            .Where(h => h.Score >= best.Score * policy.AlternativeRatio && h.Coverage >= policy.MinCoverage && h.Entry.Title != best.Entry.Title)
            .Take(2)
            .Select(h => h.Entry)
            .ToList();
        var related = others
            .Where(h => h.Coverage >= policy.PartialCoverage / 2)
            .Select(h => FirstQuestion(h.Entry))
            .Where(q => !string.Equals(q, reading.Question, StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Take(3)
            .ToList();
        var intent = reading.Intent;
        var questionWords = reading.Asking.Split(' ').ToHashSet(StringComparer.Ordinal);
        Func<string, bool>? holdsDetail = intent.Detail == DetailKind.None ? null : unit => DetailFinder.Contains(unit, intent, questionWords, index.Analyzer);
        return new KnowledgeAnswer
        {
            Question = reading.Question,
            Kind = AnswerKind.Answer,
            Text = quote ? SentenceSelector.Select(best.Entry.PlainBody, reading.Query, index.Analyzer, policy.MaxAnswerLength, holdsDetail) : "",
            Sources = sources,
            Alternatives = alternatives,
            Related = related,
        };
    }

    /// <summary>
    /// The best passage, then two others. Passages from the same part of the same document come first: a curated
    /// section is often split into several files, and its neighbours complete the answer — or, when the best passage
    /// only comes close, hold what the member asked under other words. For a definition, the other passages that
    /// define it too (the base often has several definitions).
    /// </summary>
    private List<AnswerSource> Cited(SearchHit best, IReadOnlyList<SearchHit> hits, SearchHit? second = null)
    {
        var topic = Topic(best.Entry);
        var others = hits
            .Where(h => h != best && h != second && h.Coverage >= policy.PartialCoverage / 2)
            .OrderByDescending(h => h.Score * (Topic(h.Entry) == topic ? 1.5 : 1) * (h.DefinesSubject ? 3 : 1));
        return (second is null ? others : others.Prepend(second)).Take(2).Prepend(best).Select(Source).ToList();
    }

    /// <summary>
    /// When the best passage only comes close, a passage that scores lower but covers more of the question's words
    /// (among those scoring at least half as well) is the likeliest to hold what the best one misses.
    /// </summary>
    private static SearchHit? MoreCovering(SearchHit best, IReadOnlyList<SearchHit> hits) => hits
        .Where(h => h != best && h.Score >= best.Score * 0.5 && h.Coverage > best.Coverage)
        .MaxBy(h => h.Coverage);

    private KnowledgeAnswer Abstain(string question, IReadOnlyList<SearchHit> hits, AnalysedQuery? query = null) => new()
    {
        Question = question,
        Kind = AnswerKind.Abstain,
        Text = "Je ne sais pas : la base de connaissances de la communauté ne répond pas à cette question.",
        Related = hits.Where(h => h.Coverage >= policy.PartialCoverage * 0.8 && (query is null || SharesSubject(query, h)))
            .Take(2).Select(h => FirstQuestion(h.Entry)).ToList(),
    };

    /// <summary>
    /// True when the passage holds the question's subject: its rarest word that is not an everyday one (or the whole
    /// question's subject words for a one-word question). An abstention names a passage only then.
    /// </summary>
    private static bool SharesSubject(AnalysedQuery query, SearchHit hit)
    {
        var content = SubjectConcepts(query);
        if (content.Count == 0) return true;
        var subject = content.MaxBy(i => query.Concepts[i].Weight);
        return hit.Covers(subject);
    }

    /// <summary>
    /// « Quelle est la météo demain à Lyon ? »: the passage meets the question only through a place, or through one word
    /// found in many passages, while the question's other words are nowhere in it — it is about something else.
    /// </summary>
    private bool MeetsOnlyPlaceOrGenericWord(AnalysedQuery query, SearchHit best)
    {
        var content = SubjectConcepts(query);
        var uncovered = content.Where(i => !best.Covers(i)).ToList();
        if (uncovered.Count == 0) return false;
        var covered = content.Where(best.Covers).ToList();
        var places = covered.Count(i => IsPlace(query.Concepts[i]));
        var generic = covered.Count(i => !IsPlace(query.Concepts[i]) && IsGeneric(query.Concepts[i]));
        return covered.Count == places + generic && generic <= 1 && (places > 0 || covered.Count <= 1 && uncovered.Sum(i => query.Concepts[i].Weight) > covered.Sum(i => query.Concepts[i].Weight));
    }

    /// <summary>The positions of the concepts that say what the question is about (not everyday words, not context).</summary>
    private static List<int> SubjectConcepts(AnalysedQuery query) =>
        Enumerable.Range(0, query.Concepts.Count).Where(i => !query.Concepts[i].Common && !query.Concepts[i].Context).ToList();

    private bool IsPlace(QueryConcept concept) => index.Lexicon.Places.IsPlaceOrRegion(Folding.Fold(concept.Surface));

    /// <summary>A word found in many passages (« projet », « accompagnement »): it says the field, not the subject.</summary>
    private bool IsGeneric(QueryConcept concept)
    {
        // Rarer than a word in one passage of twenty (eight at least) is a subject, not the field.
        var documents = Math.Max(8, index.Entries.Count / 20);
        return concept.Known && concept.Weight <= Math.Log(1 + (index.Entries.Count - documents + 0.5) / (documents + 0.5));
    }

    /// <summary>The member's own words for what they asked about (accents and case as typed, without the article).</summary>
    private static string? TypedSubject(string typed, string? foldedSubject)
    {
        if (string.IsNullOrWhiteSpace(foldedSubject)) return foldedSubject;
        var wanted = foldedSubject.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'', '"', '«', '»')).Where(w => w.Length > 0).ToList();
        var words = TypedWord().Matches(typed).Cast<System.Text.RegularExpressions.Match>().ToList();
        for (var start = 0; start < words.Count; start++)
        {
            var k = 0;
            while (k < wanted.Count && start + k < words.Count && Folding.Fold(words[start + k].Value) == wanted[k]) k++;
            if (k < wanted.Count) continue;
            var first = start;
            while (first < start + k - 1 && Articles.Contains(Folding.Fold(words[first].Value))) first++;
            var from = words[first].Index;
            var last = words[start + k - 1];
            var text = typed[from..(last.Index + last.Length)];
            var apostrophe = text.IndexOfAny(['\'', '’']);
            if (apostrophe is > 0 and <= 2 && Articles.Contains(Folding.Fold(text[..apostrophe]))) text = text[(apostrophe + 1)..];
            return text;
        }
        return foldedSubject.Trim('\'', ' ');
    }

    private static readonly HashSet<string> Articles = ["le", "la", "les", "l", "un", "une", "des", "du", "d", "de"];

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial System.Text.RegularExpressions.Regex TypedWord();

    private static AnswerSource Source(SearchHit h) => new(h.Entry, h.Entry.PlainBody, Math.Round(h.Score, 3));

    /// <summary>For an acronym asked about, its long form when a passage spells it out ("produit minimum viable (MVP)").</summary>
    private (string Acronym, string Expansion, KnowledgeEntry Entry)? Expansion(AnalysedQuery query, IReadOnlyList<SearchHit> hits)
    {
        if (query.Concepts.Count(c => c.Weight > 0.5) != 1) return null;
        var concept = query.Concepts.First(c => c.Weight > 0.5);
        var acronym = Folding.Fold(concept.Surface).Trim('\'');
        var group = index.Lexicon.Synonyms.Groups.FirstOrDefault(g => g.Any(v => Folding.Fold(v) == acronym && !v.Contains(' ')));
        if (group is null) return null;
        foreach (var expansion in group.Where(v => v.Contains(' ')))
        {
            var folded = Folding.Fold(expansion);
            var entry = hits.Select(h => h.Entry).FirstOrDefault(e => Folding.Fold(e.PlainBody).Contains(folded, StringComparison.Ordinal));
            if (entry is not null) return (acronym.ToUpperInvariant(), expansion, entry);
        }
        return null;
    }

    /// <summary>A definition is owed for a notion of the field (an acronym, one or two common words), not for a named programme.</summary>
    private bool IsConcept(AnalysedQuery query)
    {
        var concepts = query.Concepts.Where(c => c.Weight > 0.5).ToList();
        if (concepts.Count is 0 or > 2) return false;
        return concepts.All(c => c.Variants.Count > 1 || c.Variants[0].All(t => index.Vocabulary.DocumentFrequency(t) >= 8));
    }

    private static string Display(string? subject, AnalysedQuery query)
    {
        var s = (subject ?? string.Join(' ', query.Concepts.Select(c => c.Surface))).Trim().TrimEnd('?', ' ', '.');
        if (s.Length > 0 && s.All(c => !char.IsLetter(c) || char.IsLower(c)) && query.Concepts.Any(c => c.Variants.Count > 1) && s.Length <= 6)
            s = s.ToUpperInvariant().Replace("L'", "l'");
        return s.Length == 0 ? "ce terme" : s.StartsWith("l'", StringComparison.Ordinal) || s.StartsWith("la ") || s.StartsWith("le ") || s.StartsWith("les ") ? s : "« " + s + " »";
    }

    /// <summary>What an entry is about, for "La base parle de … mais".</summary>
    private static string Subject(KnowledgeEntry entry) => "« " + KnowledgeIndex.TitleSubject(entry.Title).Trim() + " »";

    private static string SmallTalkText(SmallTalkKind kind) => kind switch
    {
        SmallTalkKind.Thanks => "Avec plaisir !",
        SmallTalkKind.Goodbye => "Au revoir, à bientôt !",
        SmallTalkKind.Greeting => "Bonjour !",
        _ => "Je suis le bot de la communauté : posez-moi une question sur l'accompagnement de l'ESS et de l'innovation sociale.",
    };

    /// <summary>The document and the first level of the section ("World-café #8", "Bretagne").</summary>
    private static string Topic(KnowledgeEntry entry) =>
        entry.Source.Document + "|" + entry.Section.Split(" — ")[0].Trim();

    /// <summary>How a member would ask for an entry: its first alternative question, else its title.</summary>
    public static string FirstQuestion(KnowledgeEntry entry) =>
        entry.Questions.Count > 0 ? entry.Questions[0] : entry.Title;
}
