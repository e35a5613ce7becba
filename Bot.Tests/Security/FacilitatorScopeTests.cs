using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Security;

/// <summary>
/// Issue 9.4: in a deployment serving several communities, a facilitator sees only the members of the channels their
/// community is configured for; a display name never turns into markup in a facilitator's card.
/// </summary>
public sealed class FacilitatorScopeTests : IAsyncLifetime
{
    private const string HostileName = "**Animateur officiel** [lien](https://evil.example)";
    private FakeBotFramework _connector = null!;
    private BotTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Community:Facilitators"] = "msteams:29:network",
            ["Community:Communities:nord:Channels"] = "msteams:tenant:tenant-nord",
            ["Community:Communities:nord:Facilitators"] = "msteams:29:fanny-nord",
            ["Community:Communities:sud:Channels"] = "msteams:tenant:tenant-sud, slack:workspace:T0SUD",
            ["Community:Communities:sud:Facilitators"] = "msteams:29:samuel-sud",
        }, listen: true);
        _client = _host.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await CharacterisationPath.Complete(Holder("nord", i, i == 0 ? HostileName : $"Porteur Nord {i}"));
            await CharacterisationPath.Complete(Holder("sud", i, $"Porteur Sud {i}"));
        }
        await Holder("nord", 0, HostileName).Says("partager mon profil");
        await Holder("sud", 1, "Porteur Sud 1").Says("partager mon profil");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private TestChat Holder(string community, int i, string name) => new(_host, $"29:{community}-{i}", name, "msteams", $"a:{community}-{i}",
        conversationReference: new JsonObject { ["serviceUrl"] = _connector.ServiceUrl, ["conversationId"] = $"a:{community}-{i}", ["tenantId"] = $"tenant-{community}" }.ToJsonString());

    private TeamsMember Facilitator(string id, string tenant) => new(_client, _connector, id, "Animateur " + id, _host, tenant);

    [Fact]
    public async Task Shared_profiles_list_only_the_facilitators_community()
    {
        var nord = await Facilitator("29:fanny-nord", "tenant-nord").Says("profils partagés");
        Assert.Contains("Profil partagé par", nord);
        Assert.DoesNotContain("Porteur Sud", nord);

        var sud = await Facilitator("29:samuel-sud", "tenant-sud").Says("profils partagés");
        Assert.Contains("Profil partagé par Porteur Sud 1", sud);
        Assert.DoesNotContain("Animateur officiel", sud);

        var network = await Facilitator("29:network", "tenant-nord").Says("profils partagés");
        Assert.Contains("Porteur Sud 1", network);
        Assert.Contains("Animateur officiel", network);
    }

    [Fact]
    public async Task Statistics_count_only_the_facilitators_community()
    {
        Assert.Contains("5 porteurs", await Facilitator("29:fanny-nord", "tenant-nord").Says("statistiques caractérisation"));
        Assert.Contains("5 porteurs", await Facilitator("29:samuel-sud", "tenant-sud").Says("statistiques caractérisation"));
        Assert.Contains("10 porteurs", await Facilitator("29:network", "tenant-sud").Says("statistiques caractérisation"));
        // A facilitator of a community who writes from another tenant still sees only their own community.
        Assert.Contains("5 porteurs", await Facilitator("29:fanny-nord", "tenant-sud").Says("statistiques caractérisation"));
    }

    [Fact]
    public async Task A_display_name_with_markdown_shows_as_typed_in_a_facilitators_card()
    {
        var replies = await Facilitator("29:fanny-nord", "tenant-nord").Says("profils partagés");
        var texts = replies.Split('\n').Select(line => JsonNode.Parse(line)!).SelectMany(TextBlocks).ToList();
        // The name is shown as typed (one line, cut), in TextRuns that Teams never reads as markdown: no link, no bold, no backslash.
        Assert.DoesNotContain(texts, t => t.StartsWith("Profil partagé par", StringComparison.Ordinal));
        var runs = replies.Split('\n').Select(line => JsonNode.Parse(line)!).SelectMany(RichTexts).ToList();
        var title = Assert.Single(runs, t => t.StartsWith("Profil partagé par", StringComparison.Ordinal));
        Assert.Equal("Profil partagé par " + Communaute.Bot.Rendering.LiteralText.Plain(UserText.Name(HostileName)), title);
        Assert.DoesNotContain('\\', title);
    }

    private static IEnumerable<string> RichTexts(JsonNode node) => node switch
    {
        JsonObject o when (string?)o["type"] == "RichTextBlock" && o["inlines"] is JsonArray inlines =>
            [string.Concat(inlines.Select(i => (string?)i?["text"] ?? ""))],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : RichTexts(p.Value)),
        JsonArray a => a.SelectMany(e => e is null ? [] : RichTexts(e)),
        _ => [],
    };

    private static IEnumerable<string> TextBlocks(JsonNode node) => node switch
    {
        JsonObject o when (string?)o["type"] == "TextBlock" && o["text"] is JsonValue v => [v.GetValue<string>()],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : TextBlocks(p.Value)),
        JsonArray a => a.SelectMany(e => e is null ? [] : TextBlocks(e)),
        _ => [],
    };
}
