using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>The experience directory on the chat page, over HTTP: two visitors, a card, a search, an introduction both see.</summary>
public sealed class DirectoryWebChatTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task On_the_page_a_member_publishes_another_finds_and_asks_and_both_are_introduced_with_each_other_s_contact()
    {
        using var bruno = Visitor.Of(_host);
        using var alice = Visitor.Of(_host);

        var form = await bruno.Says("ma fiche d'expérience");
        var published = await Submit(bruno, form, new JsonObject
        {
            ["aide"] = "Financement participatif, statut SCIC", ["structure"] = "La Ruche Caen", ["region"] = "Normandie",
            ["contact"] = "bruno@laruche-caen.example",
        });
        Assert.Contains("Voulez-vous la publier", Text(published));
        Assert.Contains("Votre fiche est publiée", Text(await Click(bruno, published, "Oui, publier ma fiche")));

        var found = await alice.Says("qui peut m'aider sur le finacement ?");
        Assert.Contains("1 membre a de l'expérience", Text(found));
        Assert.Contains("La Ruche Caen", Text(found));
        Assert.DoesNotContain("bruno@", Text(found));
        Assert.Contains("Demande envoyée", Text(await Click(alice, found, "Demander une mise en relation")));

        // The request reaches Bruno's page through the outbox, as the page reads it.
        await _host.DeliverOutboxAsync();
        var request = await bruno.Open();
        Assert.Contains("aimerait échanger avec vous sur", Text(request));
        var accepted = await Click(bruno, request, "Accepter");
        Assert.Contains("Mise en relation acceptée", Text(accepted));
        Assert.Contains("sur la page", Text(accepted));

        await _host.DeliverOutboxAsync();
        var told = Text(await alice.Open());
        Assert.Contains("accepte d'échanger avec vous", told);
        Assert.Contains("bruno@laruche-caen.example", told);

        // A second click on « Accepter » introduces no one twice.
        Assert.Contains("déjà accepté", Text(await Click(bruno, request, "Accepter")));
        await _host.DeliverOutboxAsync();
        Assert.Single(Occurrences(Text(await alice.Open()), "accepte d'échanger avec vous"));
    }

    private static string Text(JsonNode node) => System.Text.RegularExpressions.Regex.Unescape(node.ToJsonString());

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) yield return at;
    }

    /// <summary>The last Action.Submit titled <paramref name="label"/> among the bot's entries, with the entry that holds it.</summary>
    private static (JsonObject Action, long EntryId) Button(JsonArray entries, string label)
    {
        foreach (var entry in entries.Reverse().OfType<JsonObject>().Where(e => (string?)e["from"] == "bot"))
            if (Submits(entry).FirstOrDefault(a => ((string?)a["title"])?.Contains(label, StringComparison.OrdinalIgnoreCase) == true) is { } action)
                return (action, entry["id"]!.GetValue<long>());
        throw new InvalidOperationException($"Pas de bouton « {label} » dans :\n{Text(entries)}");
    }

    private static IEnumerable<JsonObject> Submits(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.Submit" && o["data"] is JsonObject => [o],
        JsonObject o => o.SelectMany(p => Submits(p.Value)),
        JsonArray a => a.SelectMany(Submits),
        _ => [],
    };

    /// <summary>Clicks a button as the page does: its data, its title, the entry it answers.</summary>
    private static Task<JsonArray> Click(Visitor visitor, JsonArray entries, string label)
    {
        var (action, entryId) = Button(entries, label);
        return visitor.Post(new JsonObject { ["value"] = action["data"]!.DeepClone(), ["label"] = (string)action["title"]!, ["replyTo"] = entryId });
    }

    /// <summary>Fills and sends the last form the bot showed, as the page does (its inputs beside the submit's data).</summary>
    private static Task<JsonArray> Submit(Visitor visitor, JsonArray entries, JsonObject values)
    {
        var entry = entries.Reverse().OfType<JsonObject>().First(e => (string?)e["from"] == "bot" && e.ToJsonString().Contains("Input."));
        var action = Submits(entry).First();
        var value = action["data"]!.DeepClone().AsObject();
        foreach (var (key, v) in values) value[key] = v!.DeepClone();
        return visitor.Post(new JsonObject { ["value"] = value, ["label"] = (string)action["title"]!, ["replyTo"] = entry["id"]!.GetValue<long>() });
    }
}
