using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>« Qui peut m'aider ? »: a card by consent, a search in sloppy French, an introduction with double consent — as people have them.</summary>
public sealed class DirectoryConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectoryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_card_from_a_characterisation_is_found_in_sloppy_french_and_an_accepted_introduction_tells_both_on_their_own_channel()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire", channel: "teams-test");
        var alice = new TestChat(_host, "alice", "Alice Martin", channel: "slack-test");

        await CharacterisationPath.Complete(bruno);
        await bruno.Says("mon organisation");
        await bruno.Submits(new Dictionary<string, string> { ["organisation"] = "La Ruche Caen", ["region"] = "Normandie" });

        var form = await bruno.Says("ma fiche d'expérience");
        form.Answers("Ma fiche d'expérience", "Proposé à partir de ce que je sais", "critères à « Fort »", "Rien n'est publié sans votre accord");
        var inputs = form.Replies.Last(r => r.Card?.Inputs.Count > 0).Card!.Inputs;
        Assert.Contains("caractère collectif du projet", inputs.Single(i => i.Id == "aide").Value);
        Assert.Equal("La Ruche Caen", inputs.Single(i => i.Id == "structure").Value);
        Assert.Equal("Normandie", inputs.Single(i => i.Id == "region").Value);

        (await bruno.Submits(new Dictionary<string, string>
        {
            ["aide"] = "Financement participatif, statut SCIC, essaimage en zone rurale",
            ["structure"] = "La Ruche Caen", ["region"] = "Normandie", ["contact"] = "bruno@laruche-caen.example",
        })).Answers("brouillon", "Voulez-vous la publier").Offers("Oui, publier ma fiche");

        // Not consented yet: nobody sees it.
        (await alice.Says("qui peut m'aider sur le financement ?")).Answers("Personne dans l'annuaire").DoesNotSay("Bruno");

        (await bruno.Clicks("Oui, publier ma fiche")).Answers("Votre fiche est publiée");

        var found = await alice.Says("qui peut m'aidé sur le finacement participatf ?");
        found.Answers("1 membre a de l'expérience", "Bruno Lemaire", "La Ruche Caen", "Normandie").Offers("Demander une mise en relation").DoesNotSay("bruno@");
        Assert.Contains("**Financement** **participatif**", found.Markdown());
        (await alice.Says("Qui a déjà monté une SCIC ?")).Answers("Bruno Lemaire");
        (await alice.Says("quelqu'un connaît l'essaimage en Normandie ?")).Answers("Bruno Lemaire", "(Normandie)");
        (await alice.Says("quelqu'un connaît l'essaimage en Bretagne ?")).Answers("Personne dans l'annuaire").DoesNotSay("Bruno");
        (await alice.Says("qui peut m'aider sur la recette du gâteau au chocolat ?")).Answers("Personne dans l'annuaire").DoesNotSay("Bruno");

        (await alice.Says("qui peut m'aider sur le financement participatif ?")).Answers("Bruno");
        (await alice.Clicks("Demander une mise en relation")).Answers("Demande envoyée à Bruno");
        var request = _host.Sent().TextTo("conv-bruno");
        Assert.Contains("Alice (structure non précisée, région non précisée) aimerait échanger avec vous sur : le financement participatif", request);
        Assert.DoesNotContain("bruno@", _host.Sent().TextTo("conv-alice"));

        (await bruno.ClicksSent(_host, "Accepter")).Answers("Mise en relation acceptée", "Alice Martin", "message privé à Alice Martin sur Slack");
        Assert.Contains("Bruno Lemaire accepte d'échanger avec vous", _host.Sent().TextTo("conv-alice"));
        Assert.Contains("bruno@laruche-caen.example", _host.Sent().TextTo("conv-alice"));

        // A second click (or another instance) introduces no one twice.
        (await bruno.ClicksSent(_host, "Accepter")).Answers("déjà accepté");
        Assert.Equal(1, await _host.OutboxCountAsync("annuaire:acceptee:"));
        Assert.Equal(1, await _host.OutboxCountAsync("annuaire:demande:"));
    }

    [Fact]
    public async Task A_declined_request_tells_the_asker_only_that_the_peer_is_not_available_and_a_pause_holds_requests()
    {
        var (bruno, alice, brunoId) = await AliceAsksBrunoAsync();
        (await alice.Says($"mise en relation {brunoId} : encore")).Answers("attend déjà une réponse", "Rien n'a été envoyé");
        (await bruno.ClicksSent(_host, "Décliner")).Answers("pas disponible pour le moment");
        var told = _host.Sent().TextTo("conv-alice");
        Assert.Contains("Bruno n'est pas disponible pour le moment", told);
        Assert.DoesNotContain("décliné", told, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("levée de fonds", told);

        (await bruno.Says("pas de mise en relation jusqu'au 15 mars")).Answers("pas de mise en relation jusqu'au", "15 mars 2027");
        _host.Sent().Clear();
        (await alice.Says($"mise en relation {brunoId} : les fondations")).Answers("Bruno n'est pas disponible pour le moment", "rien n'a été envoyé");
        Assert.Empty(_host.Sent().To("conv-bruno"));
        (await bruno.Says("reprendre les mises en relation")).Answers("de nouveau");
        (await alice.Says($"mise en relation {brunoId} : les fondations")).Answers("Demande envoyée");
    }

    [Fact]
    public async Task An_unanswered_request_expires_after_two_weeks_and_declined_or_expired_ones_are_deleted_after_thirty_days()
    {
        var (bruno, alice, brunoId) = await AliceAsksBrunoAsync();
        var first = await _host.DbAsync(db => db.Set<IntroductionRequest>().Select(r => r.Id).SingleAsync());

        _host.Clock.Advance(TimeSpan.FromDays(15));
        (await bruno.Says($"accepter la mise en relation {first}")).Answers("a expiré").DoesNotSay("Mise en relation acceptée");
        Assert.Equal(0, await _host.OutboxCountAsync("annuaire:acceptee:"));
        (await alice.Says($"mise en relation {brunoId} : les fondations, encore")).Answers("Demande envoyée");
        (await bruno.ClicksSent(_host, "Décliner")).Answers("pas disponible pour le moment");
        Assert.Equal(2, await _host.DbAsync(db => db.Set<IntroductionRequest>().CountAsync(r => r.Status == IntroductionStatus.Declined || r.Status == IntroductionStatus.Expired)));

        _host.Clock.Advance(TimeSpan.FromDays(31));
        (await alice.Says($"mise en relation {brunoId} : une dernière fois")).Answers("Demande envoyée");
        var left = await _host.DbAsync(db => db.Set<IntroductionRequest>().Select(r => r.Status).ToListAsync());
        Assert.Equal([IntroductionStatus.Pending], left);
    }

    /// <summary>Bruno publishes a card, Alice asks him for an introduction.</summary>
    private async Task<(TestChat Bruno, TestChat Alice, long BrunoId)> AliceAsksBrunoAsync()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire");
        var alice = new TestChat(_host, "alice", "Alice Martin");
        await bruno.PublishesAsync("levée de fonds auprès des fondations");
        await alice.Says("bonjour");
        var brunoId = await _host.MemberIdAsync("bruno");
        (await alice.Says($"mise en relation {brunoId} : les fondations")).Answers("Demande envoyée");
        return (bruno, alice, brunoId);
    }

    [Fact]
    public async Task Hidden_erased_and_unconsented_cards_never_appear_and_requests_to_them_or_to_oneself_are_refused()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire");
        var chloe = new TestChat(_host, "chloe", "Chloé Durand");
        var dario = new TestChat(_host, "dario", "Dario Rossi");
        var alice = new TestChat(_host, "alice", "Alice Martin");
        await bruno.PublishesAsync("financement participatif");
        await chloe.PublishesAsync("financement participatif et mécénat");
        (await dario.Says("je peux aider sur : financement participatif")).Answers("brouillon");
        (await alice.Says("qui peut m'aider sur le crowdfunding, le financement participatif ?")).Answers("2 membres ont", "Bruno", "Chloé").DoesNotSay("Dario");

        (await bruno.Says("masquer ma fiche")).Answers("masquée");
        (await alice.Says("qui peut m'aider sur le financement participatif ?")).Answers("1 membre a", "Chloé").DoesNotSay("Bruno");
        var brunoId = await _host.MemberIdAsync("bruno");
        (await alice.Says($"mise en relation {brunoId} : financement")).Answers("pas (ou plus) dans l'annuaire");

        (await chloe.Says("mes données")).Answers("Annuaire des expériences");
        await chloe.Says("supprimer mes données");
        (await chloe.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");
        (await alice.Says("qui peut m'aider sur le financement participatif ?")).Answers("Personne dans l'annuaire").DoesNotSay("Chloé");
        Assert.Equal(0, await _host.DbAsync(db => db.Set<ExperienceCard>().CountAsync(c => c.Status == CardStatus.Published)));

        await alice.PublishesAsync("statut SCIC");
        var aliceId = await _host.MemberIdAsync("alice");
        (await alice.Says($"mise en relation {aliceId} : moi")).Answers("avec vous-même");
        (await alice.Says("qui a déjà monté une SCIC ?")).Answers("Personne").DoesNotSay("Alice Martin");
    }

    [Fact]
    public async Task A_blocked_member_never_sees_the_blocker_and_requests_are_capped_per_minute_and_per_peer()
    {
        var alice = new TestChat(_host, "alice", "Alice Martin");
        await alice.Says("bonjour");
        var peers = new List<(TestChat Chat, long Id)>();
        for (var i = 0; i < 7; i++)
        {
            var peer = new TestChat(_host, "p" + i, "Pair" + i + " Essaim");
            await peer.PublishesAsync("essaimage de tiers-lieux");
            peers.Add((peer, await _host.MemberIdAsync("p" + i)));
        }
        for (var i = 0; i < 5; i++) (await alice.Says($"mise en relation {peers[i].Id} : essaimage")).Answers("Demande envoyée");
        (await alice.Says($"mise en relation {peers[5].Id} : essaimage")).Answers("en moins d'une minute", "n'a pas été envoyée");
        Assert.Empty(_host.Sent().To("conv-p5"));

        (await peers[0].Chat.ClicksSent(_host, "Bloquer cette personne")).Answers("ne vous verra plus");
        Assert.Contains("n'est pas disponible pour le moment", _host.Sent().TextTo("conv-alice"));
        var results = await alice.Says("quelqu'un connaît l'essaimage ?");
        results.Answers("Pair1").DoesNotSay("Pair0");
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await alice.Says($"mise en relation {peers[0].Id} : essaimage")).Answers("pas disponible pour le moment", "rien n'a été envoyé");

        // Weekly cap: a peer receives a few requests a week, not a flood.
        for (var i = 0; i < 2; i++)
        {
            var asker = new TestChat(_host, "asker" + i, "Demandeur" + i);
            (await asker.Says($"mise en relation {peers[6].Id} : essaimage")).Answers("Demande envoyée");
        }
        (await alice.Says($"mise en relation {peers[6].Id} : essaimage")).Answers("Demande envoyée");
        (await new TestChat(_host, "late", "Tardif").Says($"mise en relation {peers[6].Id} : essaimage")).Answers("plusieurs demandes cette semaine");
    }

    [Fact]
    public async Task A_card_keeps_what_was_typed_names_its_limit_and_shows_markup_as_typed()
    {
        var alice = new TestChat(_host, "alice", "Alice Martin");
        await alice.Says("ma fiche d'expérience");
        var huge = string.Concat(Enumerable.Repeat("financement participatif ", 420));
        var refused = await alice.Submits(new Dictionary<string, string> { ["aide"] = huge, ["structure"] = "Ruche" });
        refused.Answers("1 000 au plus", "Rien n'a été enregistré", "gardé dans le formulaire");
        Assert.Equal(huge.Trim(), refused.Replies.Last(r => r.Card?.Inputs.Count > 0).Card!.Inputs.Single(i => i.Id == "aide").Value);
        Assert.Null(await _host.CardAsync("alice"));

        const string markup = "**gras** <b>html</b> <@U123> [lien](https://evil.example) @channel";
        var saved = await alice.Submits(new Dictionary<string, string> { ["aide"] = markup });
        Assert.Contains(@"\*\*gras\*\* \<b\>html\</b\> \<@U123\> \[lien\]\(https://evil.example\) @channel", saved.Markdown());
        Assert.Equal(markup, (await _host.CardAsync("alice"))!.HelpsWith);
    }

    [Fact]
    public async Task The_knowledge_base_offers_peers_when_it_abstains_and_facilitators_see_what_is_not_covered()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire");
        await bruno.PublishesAsync("comptabilité analytique d'une association, logiciel de paie");
        var alice = new TestChat(_host, "alice", "Alice Martin");
        var asked = await alice.Says("Quel logiciel de paie choisir pour une association ?");
        asked.Answers("1 membre a de l'expérience sur ce sujet").Offers("Voir qui");
        (await alice.Clicks("Voir qui")).Answers("Bruno Lemaire");

        (await alice.Says("Quelle est la météo à Brest demain ?")).DoesNotSay("de l'expérience sur ce sujet");
        await alice.Says("qui peut m'aider sur l'essaimage en milieu urbain ?");

        (await alice.Says("couverture")).Answers("réservé aux animateurs");
        var facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        var coverage = await facilitator.Says("couverture");
        coverage.Answers("Couverture de l'annuaire", "1 fiche publiée", "essaimage en milieu urbain").DoesNotSay("Alice", "logiciel de paie");
    }
}
