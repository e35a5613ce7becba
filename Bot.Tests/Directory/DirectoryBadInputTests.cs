using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>The issue's bad input not covered elsewhere: an erased peer, a flood of requests, markup in what the peer reads.</summary>
public sealed class DirectoryBadInputTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectoryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_to_a_member_who_erased_their_data_is_refused_and_nothing_is_sent()
    {
        var chloe = new TestChat(_host, "chloe", "Chloé Durand");
        await chloe.PublishesAsync("mécénat de compétences");
        var chloeId = await _host.MemberIdAsync("chloe");
        await chloe.Says("supprimer mes données");
        (await chloe.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");
        _host.Sent().Clear();

        var alice = new TestChat(_host, "alice", "Alice Martin");
        (await alice.Says($"mise en relation {chloeId} : mécénat")).Answers("pas (ou plus) dans l'annuaire").DoesNotSay("Demande envoyée", "Chloé");
        (await alice.Says("mise en relation 999999 : mécénat")).Answers("pas (ou plus) dans l'annuaire");
        Assert.Empty(_host.Sent().All);
        Assert.Equal(0, await _host.OutboxCountAsync("annuaire:demande:"));
    }

    [Fact]
    public async Task Fifty_requests_in_a_minute_send_five_and_refuse_the_rest_with_a_clear_word()
    {
        var peers = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            await new TestChat(_host, "p" + i, "Pair" + i + " Essaim").PublishesAsync("essaimage de tiers-lieux");
            peers.Add(await _host.MemberIdAsync("p" + i));
        }
        var alice = new TestChat(_host, "alice", "Alice Martin");
        var refused = 0;
        for (var i = 0; i < 50; i++)
        {
            var said = await alice.Says($"mise en relation {peers[i % peers.Count]} : essaimage");
            if (i < 5) said.Answers("Demande envoyée");
            else
            {
                said.Answers("5 demandes de mise en relation en moins d'une minute", "Attendez une minute", "n'a pas été envoyée").DoesNotSay("Demande envoyée");
                refused++;
            }
        }
        Assert.Equal(45, refused);
        Assert.Equal(5, await _host.OutboxCountAsync("annuaire:demande:"));
        Assert.Empty(_host.Sent().To("conv-p5"));

        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await alice.Says($"mise en relation {peers[5]} : essaimage")).Answers("Demande envoyée");
    }

    [Fact]
    public async Task Markup_and_mentions_typed_by_the_asker_and_the_peer_reach_the_other_as_typed()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire");
        await bruno.Says("ma fiche d'expérience");
        await bruno.Submits(new Dictionary<string, string> { ["aide"] = "financement participatif", ["contact"] = "<@U999> **appelez** [ici](https://evil.example)" });
        (await bruno.Clicks("Oui, publier ma fiche")).Answers("Votre fiche est publiée");
        var brunoId = await _host.MemberIdAsync("bruno");

        var alice = new TestChat(_host, "alice", "Alice Martin");
        (await alice.Says($"mise en relation {brunoId} : <b>urgent</b> @channel **vite**")).Answers("Demande envoyée");
        var request = Raw(_host.Sent().To("conv-bruno"));
        Assert.Contains(@"\<b\>urgent\</b\> @channel \*\*vite\*\*", request);
        Assert.DoesNotContain("<b>", request);

        await bruno.ClicksSent(_host, "Accepter");
        var told = Raw(_host.Sent().To("conv-alice"));
        Assert.Contains(@"\<@U999\> \*\*appelez\*\* \[ici\]\(https://evil.example\)", told);
        Assert.DoesNotContain("<@U999>", told);
    }

    /// <summary>The raw text and card sections sent, markdown as the renderers receive it.</summary>
    private static string Raw(IEnumerable<Communaute.Dialogs.Replies.Reply> replies) =>
        string.Join("\n", replies.SelectMany(r => new[] { r.Text ?? "" }.Concat((r.Card?.Sections ?? []).Select(s => s.Text ?? ""))));
}
