using System.Diagnostics;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;

namespace Communaute.Knowledge.Answering;

/// <summary>
/// Extractive Q&amp;A over an index: rank, decide whether to answer, quote the sentences that answer,
/// cite the passage, offer related questions and close alternatives.
/// </summary>
public sealed class KnowledgeAnswerer(KnowledgeIndex index, AnswerPolicy policy)
{
    public KnowledgeIndex Index => index;

    public KnowledgeAnswer Answer(string question)
    {
        var clock = Stopwatch.StartNew();
        var (query, hits) = Rank(question);
        return Compose(question, query, hits, clock);
    }

    /// <summary>Ranks without composing, for callers that rerank (embeddings) before answering.</summary>
    public (AnalysedQuery Query, IReadOnlyList<SearchHit> Hits) Rank(string question)
    {
        var query = index.QueryAnalyzer.Analyse(question);
        return (query, index.Search(query));
    }

    public KnowledgeAnswer Compose(string question, AnalysedQuery query, IReadOnlyList<SearchHit> hits, Stopwatch clock)
    {
        if (query.IsEmpty)
            return new KnowledgeAnswer
            {
                Question = question,
                Kind = AnswerKind.Unclear,
                Text = "Je n'ai pas compris la question. Pouvez-vous la formuler avec quelques mots de plus ?",
                ElapsedMs = clock.Elapsed.TotalMilliseconds,
            };

        var best = hits.FirstOrDefault();
        if (best is null || best.Coverage < policy.MinCoverage || best.LexicalScore < policy.MinLexicalScore)
            return new KnowledgeAnswer
            {
                Question = question,
                Kind = AnswerKind.Abstain,
                Text = "Je ne sais pas : la base de connaissances de la communauté ne répond pas à cette question.",
                Related = hits.Where(h => h.Coverage >= policy.MinCoverage / 2).Take(2).Select(h => FirstQuestion(h.Entry)).ToList(),
                ElapsedMs = clock.Elapsed.TotalMilliseconds,
            };

        // After the cited passage, passages from the same part of the same document come first: a curated
        // section is often split into several files, and its neighbours complete the answer.
        var topic = Topic(best.Entry);
        var sources = hits.Skip(1)
            .Where(h => h.Coverage >= policy.MinCoverage / 2)
            .OrderByDescending(h => h.Score * (Topic(h.Entry) == topic ? 1.5 : 1))
            .Take(2)
            .Prepend(best)
            .Select(h => new AnswerSource(h.Entry, h.Entry.PlainBody, Math.Round(h.Score, 3)))
            .ToList();
        var alternatives = hits.Skip(1)
            .Where(h => h.Score >= best.Score * policy.AlternativeRatio && h.Coverage >= policy.MinCoverage && h.Entry.Title != best.Entry.Title)
            .Take(2)
            .Select(h => h.Entry)
            .ToList();
        var related = hits.Skip(1)
            .Where(h => h.Coverage >= policy.MinCoverage / 2)
            .Select(h => FirstQuestion(h.Entry))
            .Where(q => !string.Equals(q, question, StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Take(3)
            .ToList();

        var text = SentenceSelector.Select(best.Entry.PlainBody, query, index.Analyzer, policy.MaxAnswerLength);
        // Asked what something is, with no entry about it (only passages that mention it): say so before quoting.
        if (query.AsksForDefinition && best.TitleCoverage == 0)
            text = "La base n'a pas de fiche consacrée à cette question ; voici le passage qui en parle le plus.\n" + text;
        return new KnowledgeAnswer
        {
            Question = question,
            Kind = AnswerKind.Answer,
            Text = text,
            Sources = sources,
            Alternatives = alternatives,
            Related = related,
            ElapsedMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>The document and the first level of the section ("World-café #8", "Bretagne").</summary>
    private static string Topic(KnowledgeEntry entry) =>
        entry.Source.Document + "|" + entry.Section.Split(" — ")[0].Trim();

    /// <summary>How a member would ask for an entry: its first alternative question, else its title.</summary>
    public static string FirstQuestion(KnowledgeEntry entry) =>
        entry.Questions.Count > 0 ? entry.Questions[0] : entry.Title;
}
