using System.Text.Json.Nodes;
using Communaute.Bot.Tests.ExperienceDirectory;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// The experience directory in the Microsoft 365 Agents Playground: a Teams member publishes a card, a member of
/// another channel finds it and asks, the Teams member accepts with the card's button, both get the other's contact.
/// </summary>
public sealed class DirectoryPlaygroundTests
{
    private const string Personal = "personal-directory";

    [SkippableFact]
    public async Task A_teams_member_publishes_is_found_accepts_an_introduction_and_both_get_each_other_s_contact()
    {
        await using var bot = await BotTestHost.StartAsync(services: SessionsHost.Recording, listen: true);
        await using var playground = await AgentsPlayground.StartAsync(bot.BaseAddress!, Personal);
        bool InPersonal(string id) => id == Personal;

        await playground.SayAsync(Personal, "je peux aider sur : financement participatif, statut SCIC");
        var draft = await playground.NextBotMessageSayingAsync(InPersonal, "Voulez-vous la publier");
        await Click(playground, draft, "Oui, publier ma fiche");
        await playground.NextBotMessageSayingAsync(InPersonal, "Votre fiche est publiée");

        var alice = new TestChat(bot, "alice", "Alice Martin");
        (await alice.Says("qui peut m'aider sur le finacement participatif ?")).Answers("1 membre a de l'expérience", "Alex Wilber");
        (await alice.Clicks("Demander une mise en relation")).Answers("Demande envoyée");

        await bot.DeliverOutboxAsync();
        var request = await playground.NextBotMessageSayingAsync(InPersonal, "aimerait échanger avec vous sur");
        await Click(playground, request, "Accepter");
        var accepted = Json(await playground.NextBotMessageSayingAsync(InPersonal, "Mise en relation acceptée"));
        Assert.Contains("Alice Martin", accepted);

        await bot.DeliverOutboxAsync();
        var told = bot.Sent().TextTo("conv-alice");
        Assert.Contains("Alex Wilber accepte d'échanger avec vous", told);
        Assert.Contains("sur Teams", told);

        // « Accepter » clicked again in Teams: no second introduction.
        await Click(playground, request, "Accepter");
        await playground.NextBotMessageSayingAsync(InPersonal, "déjà accepté");
        Assert.Equal(1, await bot.OutboxCountAsync("annuaire:acceptee:"));
    }

    /// <summary>
    /// Two members of one Teams tenant, each in their own Playground (the Playground speaks only as its current user):
    /// Megan publishes in her 1:1, Alex finds her in his, the request reaches Megan alone, she accepts, each gets the
    /// other's contact in their own 1:1.
    /// </summary>
    [SkippableFact]
    public async Task Two_teams_members_are_introduced_each_in_their_own_personal_chat()
    {
        const string MeganChat = "personal-megan";
        await using var bot = await BotTestHost.StartAsync(services: SessionsHost.Recording, listen: true);
        await using var alex = await AgentsPlayground.StartAsync(bot.BaseAddress!, Personal);
        await using var megan = await AgentsPlayground.StartAsync(bot.BaseAddress!, MeganChat, AgentsPlayground.Megan);
        bool InAlexChat(string id) => id == Personal;
        bool InMeganChat(string id) => id == MeganChat;

        await megan.SayAsync(MeganChat, "je peux aider sur : financement participatif, statut SCIC");
        var draft = await megan.NextBotMessageSayingAsync(InMeganChat, "Voulez-vous la publier");
        await Click(megan, draft, "Oui, publier ma fiche", MeganChat);
        await megan.NextBotMessageSayingAsync(InMeganChat, "Votre fiche est publiée");

        await alex.SayAsync(Personal, "qui peut m'aidé sur le finacement participatf ?");
        await alex.NextBotMessageSayingAsync(InAlexChat, "1 membre a de l'expérience");
        await Click(alex, await alex.NextBotMessageSayingAsync(InAlexChat, "Megan Bowen"), "Demander une mise en relation");
        await alex.NextBotMessageSayingAsync(InAlexChat, "Demande envoyée à Megan");

        await bot.DeliverOutboxAsync();
        var request = await megan.NextBotMessageSayingAsync(InMeganChat, "aimerait échanger avec vous sur");
        Assert.Contains("Alex (structure non précisée, région non précisée) aimerait échanger avec vous sur : le finacement participatf", Json(request));
        await Click(megan, request, "Accepter", MeganChat);
        var toMegan = Json(await megan.NextBotMessageSayingAsync(InMeganChat, "Mise en relation acceptée"));
        Assert.Contains("message privé à Alex Wilber sur Teams", toMegan);

        await bot.DeliverOutboxAsync();
        var toAlex = Json(await alex.NextBotMessageSayingAsync(InAlexChat, "Megan Bowen accepte d'échanger avec vous"));
        Assert.Contains("message privé à Megan Bowen sur Teams", toAlex);

        // Megan clicks Accepter again: still one introduction. Neither saw the other's side of it.
        await Click(megan, request, "Accepter", MeganChat);
        await megan.NextBotMessageSayingAsync(InMeganChat, "déjà accepté");
        Assert.Equal(1, await bot.OutboxCountAsync("annuaire:acceptee:"));
        await Assert.ThrowsAsync<TimeoutException>(() => alex.NextBotMessageSayingAsync(InAlexChat, "aimerait échanger", TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<TimeoutException>(() => megan.NextBotMessageSayingAsync(_ => true, "qui peut m", TimeSpan.FromSeconds(1)));
    }

    private static string Json(JsonObject message) => message.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static async Task Click(AgentsPlayground playground, JsonObject message, string title, string conversation = Personal)
    {
        var action = AgentsPlayground.Submits(message).First(a => ((string?)a["title"])?.Contains(title, StringComparison.Ordinal) == true);
        await playground.SubmitAsync(conversation, (string)message["messageId"]!, action["data"]!.AsObject());
    }
}
