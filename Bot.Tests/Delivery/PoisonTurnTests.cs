using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Bot.Tests.Slack;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// A turn that keeps failing ends with one short apology to the member, through the outbox; it is parked with its
/// reason for the facilitators' « messages en échec », and the conversation's next message is answered at once.
/// </summary>
public sealed class PoisonTurnTests
{
    /// <summary>Fails on "poison", every time: a feature with a bug.</summary>
    private sealed class BrokenFeature : ITurnFeature
    {
        public int Order => -2000;

        public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken) =>
            context.Text == "poison" ? throw new InvalidOperationException("fonction en panne") : Task.FromResult(false);
    }

    private static void Broken(IServiceCollection services) => services.AddFeature<BrokenFeature>();

    [Fact]
    public async Task On_the_page_and_in_tests_the_member_reads_an_apology_and_goes_on()
    {
        await using var host = await BotTestHost.StartAsync(services: Broken);
        var alice = new TestChat(host);

        (await alice.Says("poison")).Answers(InboxWorker.Apology);
        (await alice.Says("aide")).Answers("Ce que je sais faire").DoesNotSay(InboxWorker.Apology);
        (await new TestChat(host, "facilitator").Says("messages en échec")).Answers("fonction en panne");

        var parked = await host.DbAsync(db => db.Set<InboxItem>().AsNoTracking().SingleAsync(i => i.State == InboxState.Failed));
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("fonction en panne", parked.LastError);
    }

    [Fact]
    public async Task On_slack_the_member_reads_one_apology_and_the_next_message_is_answered_at_once()
    {
        await using var t = await SlackTestHost.StartAsync(services: Broken);

        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U9", "D9", "poison", "1795000000.000100")));
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U9", "D9", "ping", "1795000000.000101")));

        var said = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D9", count: 2, seconds: 30);
        Assert.Equal(2, said.Count);
        Assert.Contains(InboxWorker.Apology, said[0].Str("text"));
        Assert.Contains("pong", said[1].Str("text"));
        var parked = Assert.Single(await t.InboxAsync(), i => i.State == InboxState.Failed);
        Assert.Contains("fonction en panne", parked.LastError);
    }
}
