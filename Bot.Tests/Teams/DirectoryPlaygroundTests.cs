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

    private static string Json(JsonObject message) => message.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static async Task Click(AgentsPlayground playground, JsonObject message, string title)
    {
        var action = AgentsPlayground.Submits(message).First(a => ((string?)a["title"])?.Contains(title, StringComparison.Ordinal) == true);
        await playground.SubmitAsync(Personal, (string)message["messageId"]!, action["data"]!.AsObject());
    }
}
