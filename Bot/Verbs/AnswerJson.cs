using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Verbs;

/// <summary>The answer contract of the brief (section 3): one JSON object per question.</summary>
public static class AnswerJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject From(KnowledgeAnswer answer) => new()
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

    public static string Line(KnowledgeAnswer answer) => From(answer).ToJsonString(Compact);
}
