using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Teams;

/// <summary>End to end with the Microsoft 365 Agents Playground (the local Teams simulator), browser-less.</summary>
public sealed class TeamsPlaygroundTests
{
    [SkippableFact]
    public async Task Questions_in_personal_chat_and_in_a_channel_come_back_as_answer_cards_and_a_button_round_trips()
    {
        await using var bot = await BotTestHost.StartAsync(listen: true);
        await using var playground = await AgentsPlayground.StartAsync(bot.BaseAddress!, "personal-e2e");
        var personal = (string)playground.Config["personalChat"]!["id"]!;
        Assert.Equal("personal-e2e", personal);

        // Installing the app in the personal chat (what the Playground's page does on start) gets one welcome card.
        var install = await playground.Http.PostAsync($"_debug/conversation/{personal}/installation", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(install.IsSuccessStatusCode, $"installation : {(int)install.StatusCode}");
        var welcome = AnswerCard(await playground.NextBotMessageAsync(personal));
        Assert.Contains("bienvenue", welcome.ToJsonString());

        // Personal chat: a question typed by the user comes back as the bot's answer card.
        await playground.SayAsync(personal, "Qu'est-ce que l'innovation sociale ?");
        var answer = await playground.NextBotMessageAsync(personal);
        var card = AnswerCard(answer);
        Assert.Contains("innovation sociale", card.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await CardValidator.AssertValidAsync(card);

        // Team channel with an @mention: the answer comes in the thread.
        var channel = (string)playground.Config["teams"]![0]!["channels"]![0]!["id"]!;
        var thread = await playground.SayAsync(channel, "aide", mentionBot: true);
        Assert.Contains(";messageid=", thread);
        var help = AnswerCard(await playground.NextBotMessageAsync(thread));
        Assert.Contains("Ce que je sais faire", help.ToJsonString());

        // Group chat with an @mention.
        var group = (string)playground.Config["groupChats"]![0]!["id"]!;
        var groupConversation = await playground.SayAsync(group, "aide", mentionBot: true);
        Assert.Contains("Ce que je sais faire", AnswerCard(await playground.NextBotMessageAsync(groupConversation)).ToJsonString());

        // A card button, clicked in the Playground, reaches the bot and gets its answer.
        await playground.SayAsync(personal, "aide");
        var helpMessage = await playground.NextBotMessageAsync(personal);
        var button = AgentsPlayground.Submits(AnswerCard(helpMessage)).FirstOrDefault();
        Assert.NotNull(button);
        await playground.SubmitAsync(personal, (string)helpMessage["messageId"]!, button!["data"]!.AsObject());
        var clicked = await playground.NextBotMessageAsync(personal);
        Assert.True(clicked["attachments"]!.AsArray().Count > 0 || !string.IsNullOrEmpty((string?)clicked["text"]),
            "La réponse au clic est vide : " + clicked.ToJsonString());
        Assert.DoesNotContain("Je n'ai pas su traiter", clicked.ToJsonString());
    }

    private static JsonObject AnswerCard(JsonObject message)
    {
        var attachment = message["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        return attachment["content"]!.AsObject();
    }
}
