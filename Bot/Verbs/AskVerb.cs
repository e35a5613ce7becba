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
        var questions = VerbServices.PlainArgs(args).Where(a => a != "--json").ToList();
        var knowledge = VerbServices.Knowledge(args, out _);
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

    private static string Render(Communaute.Knowledge.Answering.KnowledgeAnswer answer) =>
        PlainTextRenderer.Render(AnswerReplies.From(answer)).Text;
}
