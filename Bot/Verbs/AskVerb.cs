using System.Text;
using Communaute.Bot.Features;
using Communaute.Bot.Rendering;

namespace Communaute.Bot.Verbs;

/// <summary>`ask "question" [--json]`, or `ask --json` reading one question a line on standard input.</summary>
public static class AskVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var explain = args.Contains("--explain");
        var questions = VerbServices.PlainArgs(args).Where(a => a is not "--json" and not "--explain").ToList();
        var knowledge = VerbServices.Knowledge(args, out _);
        if (explain)
        {
            foreach (var q in questions) Explain(knowledge, q);
            return 0;
        }
        Console.OutputEncoding = Encoding.UTF8;

        if (questions.Count == 0)
        {
            string? line;
            while ((line = Console.In.ReadLine()) is not null)
            {
                var answer = await knowledge.AnswerAsync(line.Trim());
                Console.Out.WriteLine(json ? AnswerJson.Line(answer) : Render(answer));
                Console.Out.Flush();
            }
            return 0;
        }

        var single = await knowledge.AnswerAsync(string.Join(' ', questions));
        Console.WriteLine(json ? AnswerJson.Line(single) : Render(single));
        return 0;
    }

    /// <summary>For curators: how the question was understood and how the candidates scored.</summary>
    private static void Explain(Communaute.Knowledge.KnowledgeService knowledge, string question)
    {
        var (query, hits) = knowledge.Current.Answerer.Rank(question);
        Console.WriteLine("question : " + question);
        foreach (var c in query.Concepts)
            Console.WriteLine($"  concept « {c.Surface} » = {string.Join(" | ", c.Variants.Select(v => string.Join(' ', v)))}  poids {c.Weight:F2}{(c.Known ? "" : " (inconnu)")}");
        foreach (var h in hits)
            Console.WriteLine($"  {h.Score,8:F2}  lex {h.LexicalScore,6:F2}  couv {h.Coverage:F2}  titre {h.TitleCoverage:F2}  {h.Entry.Id}");
    }

    private static string Render(Communaute.Knowledge.Answering.KnowledgeAnswer answer) =>
        PlainTextRenderer.Render(AnswerReplies.From(answer)).Text;
}
