using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>The inbox worker: a poison item parked with its reason, and never in the way of other conversations.</summary>
public sealed class InboxTests
{
    /// <summary>A feature that fails on "poison" every time, and takes its time on "lent".</summary>
    private sealed class TroubleFeature : ITurnFeature
    {
        public int Order => -2000;

        public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            if (context.Text == "poison") throw new InvalidOperationException("la base de connaissances est illisible");
            if (context.Text != "lent") return false;
            await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
            context.Say("enfin");
            return true;
        }
    }

    [Fact]
    public async Task A_poison_item_is_parked_after_its_attempts_and_a_slow_one_holds_up_no_other_conversation()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:InboxMaxAttempts"] = "3", ["Delivery:InboxParallelism"] = "8" },
            services: s => s.AddFeature<TroubleFeature>());
        var host = t.Host;
        Task Post(string eventId, string channel, string text, string ts) =>
            t.PostEventAsync(SlackTestHost.Envelope(eventId, SlackTestHost.DirectMessage("U" + channel, channel, text, ts)));

        // The slow conversation's member is known already.
        await Post("EvKnown", "D1", "ping", "1795000000.000000");
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D1", settleMs: 0);
        await host.WaitUntilIdleAsync();
        await Post("EvSlow", "D1", "lent", "1795000000.000001");
        await Post("EvPoison", "D2", "poison", "1795000000.000002");
        for (var i = 0; i < 5; i++) await Post($"EvOk{i}", $"D{i + 3}", "ping", $"1795000000.00001{i}");

        // The five others are answered, and the slow one. (On SQLite a turn holds the one writer until it commits: a
        // slow turn that has written delays the others' commits; their turns still run beside it.)
        var pongs = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.AllText.Contains("pong") && c.Str("channel") != "D1", count: 5, seconds: 30, settleMs: 0);
        Assert.Equal(5, pongs.Count);
        await t.Slack.WaitForAsync(c => c.AllText.Contains("enfin"), seconds: 30);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        InboxItem? poison = null;
        for (var i = 0; i < 100 && poison?.State != InboxState.Failed; i++)
        {
            await host.Services.GetRequiredService<InboxWorker>().DrainAsync();
            poison = await db.Set<InboxItem>().AsNoTracking().SingleAsync(x => x.ConversationKey == "slack:D2");
        }
        Assert.Equal(InboxState.Failed, poison!.State);
        Assert.Equal(3, poison.Attempts);
        Assert.Contains("la base de connaissances est illisible", poison.LastError);
        Assert.Equal(7, await db.Set<InboxItem>().CountAsync(x => x.State == InboxState.Done));
    }
}
