using System.Globalization;
using System.Text;
using Communaute.Bot.Features;
using Communaute.Bot.Rendering;
using Communaute.Knowledge;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Verbs;

/// <summary>`ask "question" [--json]`, or `ask --json` reading one question a line on standard input; `--explain` for curators (with --json: the decision and candidates in each object).</summary>
public static class AskVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var explain = args.Contains("--explain");
        var questions = VerbServices.PlainArgs(args).Where(a => a is not "--json" and not "--explain").ToList();
        var knowledge = VerbServices.Knowledge(args, out _);
        Console.OutputEncoding = Encoding.UTF8;
        if (explain && !json)
        {
            foreach (var q in questions) Console.WriteLine(Explain(knowledge.Answer(q)));
            return 0;
        }

        if (questions.Count == 0)
        {
            string? line;
            while ((line = Console.In.ReadLine()) is not null)
            {
                var answer = await knowledge.AnswerAsync(line.Trim());
                Console.Out.WriteLine(json ? AnswerJson.Line(answer, explain) : Render(answer));
                Console.Out.Flush();
            }
            return 0;
        }

        var single = await knowledge.AnswerAsync(string.Join(' ', questions));
        Console.WriteLine(json ? AnswerJson.Line(single, explain) : Render(single));
        return 0;
    }

    /// <summary>For curators: how the question was read, which words counted, the thresholds, the candidates and the outcome.</summary>
    public static string Explain(KnowledgeAnswer answer)
    {
        var d = answer.Decision!;
        var r = d.Reading;
        var p = d.Policy;
        var best = d.Hits.FirstOrDefault();
        var sb = new StringBuilder();
        void Line(string s) => sb.AppendLine(s);
        Line("question : " + r.Question);
        Line($"issue : {Outcome(answer.Kind)} — {d.Reason}");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"seuils : réponse si couverture ≥ {p.MinCoverage:F2}, fiches proches si ≥ {p.PartialCoverage:F2}, score lexical ≥ {p.MinLexicalScore:F1} ; mot inconnu {p.UnknownWordWeight:F1}, mot courant ×{p.CommonWordFactor:F2}"));
        if (p.Calibration is not null) Line("calibrage : " + p.Calibration);
        if (r.SmallTalk != SmallTalkKind.None) return sb.ToString();
        if (r.English) Line("langue : anglais");
        if (r.Rewrites.Count > 0) Line("réécritures : " + string.Join(" ; ", r.Rewrites));
        Line("lu comme : " + r.Normalized);
        if (r.Context.Length > 0) Line("question retenue dans le paragraphe : " + r.Asking);
        if (r.Intent.AsksForDefinition) Line("demande une définition de : " + r.Intent.Subject);
        if (r.Intent.Detail != DetailKind.None) Line("demande un détail : " + r.Intent.Detail + (r.Intent.Counted is null ? "" : $" ({r.Intent.Counted})"));
        Line("mots qui comptent (poids ; trouvé dans la meilleure fiche ?) :");
        foreach (var c in r.Query.Concepts)
        {
            var variants = string.Join(" | ", c.Variants.Select(v => string.Join(' ', v)));
            var found = best is null ? "" : best.Entry.PlainBody.Length > 0 && Covered(best, c) ? "  ✓" : "  ✗";
            Line(string.Create(CultureInfo.InvariantCulture, $"  « {c.Surface} » = {variants}  poids {c.Weight:F2}{(c.Known ? "" : " (inconnu de la base)")}{found}"));
        }
        Line("fiches candidates (score, score lexical, couverture, couverture titre) :");
        foreach (var h in d.Hits)
            Line(string.Create(CultureInfo.InvariantCulture, $"  {h.Score,8:F2}  lex {h.LexicalScore,6:F2}  couv {h.Coverage:F2}  titre {h.TitleCoverage:F2}{(h.DefinesSubject ? "  définit" : "")}  {h.Entry.Id}"));
        return sb.ToString();
    }

    /// <summary>Whether the concept is in the best entry (the coverage test, recomputed on words for display).</summary>
    private static bool Covered(Knowledge.Search.SearchHit hit, Knowledge.Search.QueryConcept concept)
    {
        var text = Folding.Fold(string.Join(' ', [hit.Entry.Title, .. hit.Entry.Questions, hit.Entry.Section, .. hit.Entry.Tags, hit.Entry.PlainBody]));
        var analyzer = new Knowledge.Analysis.FrenchTextAnalyzer();
        var terms = analyzer.Terms(text).ToHashSet(StringComparer.Ordinal);
        return concept.Variants.Any(v => v.All(terms.Contains));
    }

    private static string Outcome(AnswerKind kind) => kind switch
    {
        AnswerKind.Answer => "réponse",
        AnswerKind.Partial => "réponse partielle (fiches proches)",
        AnswerKind.Abstain => "abstention",
        AnswerKind.MissingDetail => "abstention (détail absent)",
        AnswerKind.NotDefined => "abstention (définition absente)",
        AnswerKind.Unclear => "question incomprise",
        AnswerKind.SmallTalk => "conversation (pas de recherche)",
        _ => kind.ToString(),
    };

    private static string Render(KnowledgeAnswer answer) =>
        string.Join("\n\n", AnswerReplies.From(answer).Select(r => PlainTextRenderer.Render(r).Text));
}
