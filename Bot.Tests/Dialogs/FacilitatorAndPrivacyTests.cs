using System.Text.Json.Nodes;
using Communaute.Bot.Dialogs;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>Facilitators see anonymous statistics only; members export and delete their data.</summary>
public sealed class FacilitatorAndPrivacyTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private TestChat Facilitator => new(_host, "facilitator", "Fanny Animatrice");

    [Fact]
    public async Task Statistics_are_hidden_below_five_holders_and_anonymous_from_five()
    {
        for (var i = 0; i < 4; i++)
            await CharacterisationPath.Complete(new TestChat(_host, "holder" + i, "Porteur Secret " + i));
        // A holder who redoes it still counts once.
        await CharacterisationPath.Complete(new TestChat(_host, "holder0", "Porteur Secret 0"));

        (await Facilitator.Says("statistiques caractérisation")).Answers("Pas encore de statistiques", "au moins 5").DoesNotSay("Porteur Secret", "Fort 4");
        (await new TestChat(_host, "holder1").Says("statistiques caractérisation")).Answers("réservées aux animateurs");

        await CharacterisationPath.Complete(new TestChat(_host, "holder4", "Porteur Secret 4"));
        var stats = await Facilitator.Says("statistiques caractérisation");
        stats.Answers("statistiques anonymes", "5 porteurs", "6 caractérisations", "Caractère collectif du projet", "Fort 5", "11/2026 : 6")
            .DoesNotSay("Porteur Secret", "personnes âgées isolées");
    }

    [Fact]
    public async Task Months_with_fewer_than_five_results_are_not_counted_exactly()
    {
        for (var i = 0; i < 5; i++)
            await CharacterisationPath.Complete(new TestChat(_host, "holder" + i));
        _host.Clock.Advance(TimeSpan.FromDays(31));
        await CharacterisationPath.Complete(new TestChat(_host, "holder0"));
        (await Facilitator.Says("statistiques caractérisation")).Answers("11/2026 : 5", "12/2026 : moins de 5");
    }

    [Fact]
    public async Task A_named_profile_is_visible_only_once_the_holder_shares_it()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        (await Facilitator.Says("profils partagés")).Answers("Aucun porteur").DoesNotSay("Alice");
        (await new TestChat(_host, "bob").Says("profils partagés")).Answers("réservée aux animateurs");
        (await alice.Clicks("Partager avec les animateurs")).Answers("visible par les animateurs");
        (await Facilitator.Says("profils partagés")).Answers("Profil partagé par Alice Martin", "Caractère collectif du projet");
        (await alice.Says("ne plus partager")).Answers("n'est plus partagé");
        (await Facilitator.Says("profils partagés")).Answers("Aucun porteur");
    }

    [Fact]
    public async Task My_data_exports_every_table_that_holds_the_member()
    {
        var alice = new TestChat(_host);
        await alice.Says("Comment faire un gâteau au chocolat ?");
        await CharacterisationPath.Complete(alice);
        await alice.Says("caractériser");
        (await alice.Says("mes données")).Answers("pas compris", "pause");
        await alice.Says("pause");

        var bot = await alice.Says("mes données");
        bot.Answers("Vos données", "Caractérisations de projet", "Questions sans réponse", "Réponses données à vos questions",
                "Questionnaires en cours", "Conversations privées", "Votre profil de membre", "Fichiers").DoesNotSay("questionsSansReponse", "reponsesDonnees")
            .Offers("Supprimer mes données");
        var link = bot.Replies.Single(r => r.Card is not null).Card!.Links.Single().Url;
        using var http = _host.CreateClient();
        var json = JsonNode.Parse(await http.GetStringAsync(TestLinks.Of(link).PathAndQuery.TrimStart('/')))!;
        Assert.Equal("alice", (string?)json["membre"]![0]!["ChannelUserId"]);
        Assert.Single(json["caracterisations"]!.AsArray());
        Assert.Contains("personnes âgées isolées", json["caracterisations"]![0]!["KeyAnswers"]!.ToString());
        Assert.Single(json["questionsSansReponse"]!.AsArray());
        Assert.NotEmpty(json["reponsesDonnees"]!.AsArray());
        Assert.Single(json["questionnairesEnCours"]!.AsArray());
        Assert.Single(json["conversations"]!.AsArray());
        Assert.NotEmpty(json["fichiers"]!.AsArray());

        (await new TestChat(_host, "carol", conversationId: "equipe", isGroup: true).Says("mes données")).Answers("conversation privée");
    }

    [Fact]
    public async Task Deleting_my_data_asks_first_then_removes_everything_about_me_only()
    {
        var alice = new TestChat(_host);
        var bob = new TestChat(_host, "bob", "Bob");
        await alice.Says("Comment faire un gâteau au chocolat ?");
        await CharacterisationPath.Complete(alice);
        await alice.Says("mes données");
        await CharacterisationPath.Complete(bob);

        (await alice.Says("supprimer mes données")).Answers("Confirmez-vous").Offers("Oui, tout supprimer", "Non");
        (await alice.Clicks("Non")).Answers("Rien n'a été supprimé");
        Assert.Equal(2, await Count<Member>());

        await alice.Says("supprimer mes données");
        (await alice.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var bobId = (await db.Members.SingleAsync()).Id;
            Assert.Equal("bob", (await db.Members.SingleAsync()).ChannelUserId);
            Assert.All(await db.Set<CharacterisationRecord>().ToListAsync(), c => Assert.Equal(bobId, c.MemberId));
            Assert.All(await db.Set<MediaFile>().ToListAsync(), m => Assert.Equal(bobId, m.MemberId));
            Assert.Empty(await db.UnansweredQuestions.ToListAsync());
            Assert.Empty(await db.AnswerAudits.Where(a => a.MemberId != bobId).ToListAsync());
            Assert.Empty(await db.Set<DialogStateRecord>().ToListAsync());
            Assert.Equal("conv-bob", (await db.Conversations.SingleAsync()).ChannelConversationId);
        }
        // Alice can come back: she starts from nothing.
        (await alice.Says("mon profil")).Answers("pas encore caractérisé");
    }

    private async Task<int> Count<T>() where T : class
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<T>().CountAsync();
    }
}
