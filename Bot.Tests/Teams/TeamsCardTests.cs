using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Replies;
using System.Text.Json.Nodes;

namespace Communaute.Bot.Tests.Teams;

/// <summary>Every card the Teams adapter sends parses with zero errors and warnings in the official adaptivecards parser (1.5).</summary>
public sealed class TeamsCardTests
{
    private static IEnumerable<JsonObject> Cards(Reply reply) =>
        (TeamsReplyRenderer.ToActivity(reply).Attachments ?? [])
            .Select(a => JsonNode.Parse(a.Content!.Value.GetRawText())!.AsObject());

    [SkippableFact]
    public async Task The_cards_of_the_adapter_and_of_the_conversations_are_valid_Adaptive_Cards()
    {
        var cards = new List<JsonObject>();
        cards.AddRange(Cards(Reply.Show(TeamsReplyRenderer.WelcomeCard("Communauté émergence & accélération"))));
        cards.AddRange(Cards(new Reply { Text = "Voulez-vous continuer ?", SuggestedActions = [new Choice("Oui", "oui"), new Choice("Non", "non")] }));
        cards.AddRange(Cards(new Reply { Card = new Card { Title = "Titre", Choices = [new Choice("A", "a")] }, SuggestedActions = [new Choice("B", "b")] }));

        await using var host = await BotTestHost.StartAsync();
        var chat = new TestChat(host, channel: TeamsChannel.ChannelId);
        foreach (var text in new[] { "aide", "Qu'est-ce que l'innovation sociale ?", "Comment financer un incubateur ?", "xyzzy plugh", "/inconnu" })
            foreach (var reply in (await chat.Says(text)).Replies)
                cards.AddRange(Cards(reply));

        Assert.True(cards.Count >= 6, $"trop peu de cartes ({cards.Count})");
        await CardValidator.AssertValidAsync([.. cards]);
    }
}
