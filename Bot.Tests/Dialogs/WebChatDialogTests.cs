using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.WebChat;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>The characterisation over the local chat page's HTTP API: clicks carry the card's prompt id back.</summary>
public sealed class WebChatDialogTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private Visitor _visitor = null!;

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync(listen: true);
        _visitor = Visitor.Of(_host);
    }

    public async Task DisposeAsync()
    {
        _visitor.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Clicking_the_cards_buttons_answers_and_a_second_click_is_refused()
    {
        var intro = await Post(new JsonObject { ["text"] = "caractériser" });
        var start = FindAction(intro, "Commencer");
        var question = await Post(new JsonObject { ["value"] = start.DeepClone() });
        Assert.Contains("Quel besoin social", question.AllText(), StringComparison.Ordinal);

        var again = await Post(new JsonObject { ["value"] = start.DeepClone() });
        Assert.Contains("déjà répondu", again.AllText(), StringComparison.Ordinal);

        await Post(new JsonObject { ["text"] = "Un besoin" });
        await Post(new JsonObject { ["text"] = "Une réponse" });
        var criterion = await Post(new JsonObject { ["text"] = "Un changement" });
        var fort = FindAction(criterion, "Fort");
        var next = await Post(new JsonObject { ["value"] = fort.DeepClone() });
        Assert.Contains("2/12", next.AllText(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> Post(JsonObject body) => new() { ["messages"] = (await _visitor.Post(body)).DeepClone() };

    /// <summary>The Action.Submit data of the button with this title, anywhere in the replies' cards.</summary>
    private static JsonObject FindAction(JsonObject replies, string title)
    {
        foreach (var node in Walk(replies))
            if (node is JsonObject o && (string?)o["type"] == "Action.Submit" && (string?)o["title"] == title)
                return o["data"]!.AsObject();
        throw new InvalidOperationException($"Pas de bouton « {title} » : {replies.ToJsonString()}");
    }

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null) yield break;
        yield return node;
        if (node is JsonObject o) foreach (var (_, child) in o) foreach (var n in Walk(child)) yield return n;
        if (node is JsonArray a) foreach (var child in a) foreach (var n in Walk(child)) yield return n;
    }
}

internal static class JsonText
{
    /// <summary>Every string value of the JSON, joined: what the page would show.</summary>
    public static string AllText(this JsonNode node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(kv => kv.Value?.AllText() ?? "")),
        JsonArray a => string.Join("\n", a.Select(n => n?.AllText() ?? "")),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => "",
    };
}
