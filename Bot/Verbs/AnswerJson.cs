using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Verbs;

/// <summary>The answer contract of the brief (section 3): one JSON object per question.</summary>
public static class AnswerJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject From(KnowledgeAnswer answer, bool explain = false)
    {
        var json = Contract(answer);
        if (!explain) return json;
        json["kind"] = answer.Kind.ToString();
        json["reason"] = answer.Decision?.Reason;
        json["concepts"] = answer.Decision?.Reading.Query.Concepts.Count(c => !c.Context);
        json["candidates"] = answer.Decision is { } d
            ? new JsonArray(d.Hits.Take(5).Select(h => (JsonNode)new JsonObject
            {
                ["id"] = h.Entry.Id,
                ["coverage"] = Math.Round(h.Coverage, 3),
                ["lexical"] = Math.Round(h.LexicalScore, 2),
                ["score"] = Math.Round(h.Score, 2),
            }).ToArray())
            : null;
        return json;
    }

    private static JsonObject Contract(KnowledgeAnswer answer) => new()
    {
        ["question"] = answer.Question,
        ["answered"] = answer.Answered,
        ["answer"] = answer.Text,
        ["sources"] = new JsonArray(answer.Sources.Select(s => (JsonNode)new JsonObject
        {
            ["document"] = s.Entry.Source.Document,
            ["title"] = s.Entry.Title,
            ["section"] = s.Entry.Section,
            ["excerpt"] = s.Excerpt,
            ["score"] = s.Score,
        }).ToArray()),
        ["elapsedMs"] = Math.Round(answer.ElapsedMs, 3),
    };

    public static string Line(KnowledgeAnswer answer, bool explain = false) => From(answer, explain).ToJsonString(Compact);
}
