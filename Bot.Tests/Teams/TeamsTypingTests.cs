using System.Net;
using Communaute.Bot.Hosting;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Tests.Teams;

/// <summary>While a slow answer is prepared, Teams shows the bot typing; the answer follows, in order.</summary>
public sealed class TeamsTypingTests
{
    private sealed class SlowFeature : ITurnFeature
    {
        public int Order => -1;

        public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            if (context.Text != "lent") return false;
            await Task.Delay(TimeSpan.FromMilliseconds(800), cancellationToken);
            context.Say("Voilà, c'était long.");
            return true;
        }
    }

    [Fact]
    public async Task A_slow_answer_is_preceded_by_the_typing_indicator()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), services: s => s.AddFeature<SlowFeature>(), listen: true);
        using var client = host.CreateClient();

        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(fake.ServiceUrl, "lent"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fake.WaitForAnswersAsync(1);
        var calls = fake.Calls.Where(c => !FakeBotFramework.IsWelcome(c)).ToList();
        Assert.True(calls.Count >= 2, $"{calls.Count} appel(s)");
        Assert.Equal("typing", (string?)calls[0].Body!["type"]);
        Assert.Equal(TeamsActivities.BotId, (string?)calls[0].Body!["from"]!["id"]);
        Assert.Equal("/connector/v3/conversations/a%3Apersonal-alice/activities", calls[0].RawPath);
        Assert.Equal("Voilà, c'était long.", (string?)calls[^1].Body!["text"]);
    }
}
