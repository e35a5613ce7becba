using System.Text.Json.Nodes;

namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>Checks cards with the official `adaptivecards` parser (npm, version 1.5): zero errors, zero warnings.</summary>
public static class CardValidator
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IReadOnlyList<JsonObject> cards)
    {
        var input = new JsonArray(cards.Select(c => (JsonNode)c.DeepClone()).ToArray()).ToJsonString();
        var output = JsonNode.Parse(await ExternalTools.NodeAsync("validate-cards.js", input))!.AsArray();
        var problems = new List<string>();
        for (var i = 0; i < output.Count; i++)
            foreach (var p in output[i]!.AsArray())
                problems.Add($"carte {i} : {p!["message"]} — {cards[i].ToJsonString()[..Math.Min(200, cards[i].ToJsonString().Length)]}");
        return problems;
    }

    public static async Task AssertValidAsync(params JsonObject[] cards)
    {
        var problems = await ProblemsAsync(cards);
        Assert.True(problems.Count == 0, "Cartes refusées par le parseur officiel :\n" + string.Join("\n", problems));
    }
}
