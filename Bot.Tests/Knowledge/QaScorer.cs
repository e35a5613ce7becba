using System.Text.Json.Nodes;
using Communaute.Bot.Verbs;
using Communaute.Knowledge;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>The rules of shared/eval/run-qa.py, in process.</summary>
public static class QaScorer
{
    public static (double Answerable, double OutOfScope) Score(KnowledgeService kb, string file)
    {
        int a = 0, n = 0, o = 0, on = 0;
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            var item = JsonNode.Parse(line)!.AsObject();
            var answer = kb.Answer(item["q"]!.GetValue<string>());
            if (item["abstain"]?.GetValue<bool>() == true) { on++; if (!answer.Answered) o++; continue; }
            n++;
            var text = EvalVerb.Norm(answer.Text + " " + string.Join(" ", answer.Sources.Take(3).Select(s => s.Excerpt + " " + s.Entry.Title + " " + s.Entry.Section)));
            if (answer.Answered && item["any"]!.AsArray().Any(e => text.Contains(EvalVerb.Norm(e!.GetValue<string>()), StringComparison.Ordinal))) a++;
        }
        return ((double)a / Math.Max(1, n), (double)o / Math.Max(1, on));
    }
}
