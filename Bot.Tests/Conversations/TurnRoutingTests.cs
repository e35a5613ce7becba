using Communaute.Bot.Hosting;
using Communaute.Bot.Security;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>The order in which features see a turn is declared once; two features on one line stop the start.</summary>
public sealed class TurnRoutingTests
{
    /// <summary>A feature that claims the sessions' line.</summary>
    private sealed class SameLineAsSessions : ITurnFeature
    {
        public int Order => TurnOrder.Sessions;
        public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    [Fact]
    public async Task A_tie_in_the_routing_stops_the_start_and_names_both_features()
    {
        var e = await Assert.ThrowsAsync<BotConfigurationException>(() =>
            BotTestHost.StartAsync(services: s => s.AddFeature<SameLineAsSessions>(), listen: true));

        Assert.Contains("SessionsFeature", e.Message);
        Assert.Contains("SameLineAsSessions", e.Message);
        Assert.Contains("TurnOrder", e.Message);
    }

    [Fact]
    public async Task The_bot_s_own_features_each_have_their_line()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        (await new TestChat(host).Says("aide")).Answers("Ce que je sais faire");
    }
}
