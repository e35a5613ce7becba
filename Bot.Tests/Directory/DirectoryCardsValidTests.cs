using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>The directory's cards (form, preview, results, request, introduction, coverage) pass the official Adaptive Cards parser.</summary>
public sealed class DirectoryCardsValidTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectoryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [SkippableFact]
    public async Task Every_directory_card_is_valid()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno <b>Lemaire</b>");
        var alice = new TestChat(_host, "alice", "Alice Martin");
        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var said = new List<BotSaid>
        {
            await bruno.Says("ma fiche d'expérience"),
            await bruno.Submits(new Dictionary<string, string> { ["aide"] = "financement participatif **gras** [lien](https://x.example)", ["region"] = "Guadeloupe", ["contact"] = "<@U1>" }),
            await bruno.Clicks("Oui, publier ma fiche"),
            await alice.Says("qui peut m'aider sur le financement ?"),
            await alice.Clicks("Demander une mise en relation"),
            await alice.Says("qui peut m'aider sur la tarte tatin ?"),
            await facilitator.Says("couverture"),
        };
        var sent = _host.Sent().To("conv-bruno");
        said.Add(await bruno.ClicksSent(_host, "Accepter"));
        var cards = said.SelectMany(s => s.Replies).Concat(sent)
            .Select(r => r.Card is null ? AdaptiveCardRenderer.RenderText(r.Text ?? "") : AdaptiveCardRenderer.Render(r.Card))
            .ToArray();
        Assert.True(cards.Length >= 10);
        await CardValidator.AssertValidAsync(cards);
    }
}
