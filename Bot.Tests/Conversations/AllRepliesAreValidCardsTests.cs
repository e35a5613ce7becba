using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>Every reply the Q&amp;A and the commands produce renders as a card the official parser accepts.</summary>
public sealed class AllRepliesAreValidCardsTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [SkippableFact]
    public async Task Help_answers_abstentions_entries_and_curator_cards_are_valid()
    {
        var member = new TestChat(_host);
        var facilitator = new TestChat(_host, "facilitator");
        var said = new List<BotSaid>
        {
            await member.Says("bonjour"),
            await member.Says("aide"),
            await member.Says("Qu'est-ce que l'innovation sociale ?"),
            await member.Says("Quels sont les niveaux de la grille de caractérisation ?"),
            await member.Says("Comment faire un gâteau au chocolat ?"),
            await member.Says("Qu'est-ce que l'ESS ?"),
            await member.Says("Combien de mentors participent au programme LeadHer ?"),
            await member.Says("What is social innovation?"),
            await member.Says("ok merci"),
            await member.Says("qui es-tu ?"),
            await member.Says("transmettre"),
            await member.Says("fiche 004-panorama-2015/fiso-fonds-innovation-sociale"),
            await member.Says("/inconnue"),
            await facilitator.Says("aide"),
            await facilitator.Says("questions sans réponse"),
            await facilitator.Says("recharger la base"),
        };
        var partial = Communaute.Bot.Features.AnswerReplies.From(new Communaute.Knowledge.Answering.KnowledgeAnswerer(
                _host.Services.GetRequiredService<Communaute.Knowledge.KnowledgeService>().Current.Answerer.Index,
                new Communaute.Knowledge.Answering.AnswerPolicy { MinCoverage = 1.01, PartialCoverage = 0.3 })
            .Answer("Comment financer une étude de faisabilité en Bretagne ?"));
        var cards = said.SelectMany(s => s.Replies).Concat(partial)
            .Select(r => r.Card is null ? AdaptiveCardRenderer.RenderText(r.Text ?? "") : AdaptiveCardRenderer.Render(r.Card))
            .ToArray();
        Assert.True(cards.Length >= 10);
        await CardValidator.AssertValidAsync(cards);
    }
}
