using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>An answer rated « Pas utile »: the peers whose cards match the question are offered, as when the base abstains.</summary>
public sealed class DirectoryNotUsefulOfferTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectoryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Pas_utile_offers_the_members_whose_cards_match_the_question_and_nothing_else_does()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire");
        await bruno.PublishesAsync("essaimage en zone rurale");
        var alice = new TestChat(_host, "alice", "Alice Martin");

        // No card on the subject: a « pas utile » says nothing of peers.
        (await alice.Says("Qu'est-ce que le FISO ?")).Offers("Pas utile");
        (await alice.Clicks("Pas utile")).Answers("Qu'est-ce qui manquait ?").DoesNotSay("de l'expérience sur ce sujet", "Bruno");
        await alice.Says("passer");

        (await bruno.Says("je peux aider sur : prêt FISO, montage du dossier France Active")).Answers("publiée");

        // An answer that helped needs no peer.
        (await alice.Says("Qu'est-ce que le FISO ?")).DoesNotSay("de l'expérience sur ce sujet");
        (await alice.Clicks("Utile")).Answers("Merci").DoesNotSay("de l'expérience sur ce sujet");

        await alice.Says("Qu'est-ce que le FISO ?");
        var rated = await alice.Clicks("Pas utile");
        rated.Answers("Qu'est-ce qui manquait ?", "1 membre a de l'expérience sur ce sujet : voir qui").Offers("Passer", "Voir qui");
        Assert.True(rated.Text.IndexOf("Qu'est-ce qui manquait", StringComparison.Ordinal) < rated.Text.IndexOf("1 membre a", StringComparison.Ordinal),
            "l'offre vient après la question des curateurs :\n" + rated.Text);

        (await alice.Clicks("Voir qui")).Answers("Bruno Lemaire").Offers("Demander une mise en relation").DoesNotSay("transmis aux curateurs");
    }
}
