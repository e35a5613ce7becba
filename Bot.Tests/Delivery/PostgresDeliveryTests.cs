using System.Net;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>Two bot instances on one PostgreSQL server, no sticky sessions: every message sent once, every activity answered once.</summary>
public sealed class PostgresDeliveryTests
{
    [SkippableFact]
    public async Task Two_hosts_deliver_200_proactive_messages_each_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var slack = await FakeSlackApi.StartAsync();
        var settings = SlackTestHost.Settings(slack, database.Settings);
        await using var a = await BotTestHost.StartAsync(settings, listen: true);
        await using var b = await BotTestHost.StartAsync(settings, listen: true);

        List<long> channels;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = a.Clock.GetCurrentInstant();
            var rows = Enumerable.Range(0, 20).Select(i => new Conversation
            {
                Channel = "slack", ChannelConversationId = $"C{i}", IsGroup = true, CreatedAt = now, LastActivityAt = now,
                ReferenceJson = Communaute.Bot.Channels.Slack.SlackInboxHandler.Reference($"C{i}", "T1"),
            }).ToList();
            db.Conversations.AddRange(rows);
            await db.SaveChangesAsync();
            channels = rows.Select(r => r.Id).ToList();
        }
        // Written from both hosts at once, some keys twice: 200 distinct messages.
        await Task.WhenAll(new[] { a, b }.Select(async host =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
            for (var i = 0; i < 200; i++)
                await messenger.SendToConversationAsync(channels[i % channels.Count], [Reply.Say($"rappel {i}")], $"test:pg:{i}", default);
        }));

        await slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 200, seconds: 60, settleMs: 1000);
        var keys = slack.PostedKeys;
        Assert.Equal(200, keys.Count);
        Assert.Equal(200, keys.Distinct().Count());
        await using var check = a.Services.CreateAsyncScope();
        var outbox = await check.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().ToListAsync();
        Assert.Equal(200, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        // Order kept within each channel, although both instances sent.
        foreach (var channel in slack.Posted.GroupBy(p => p["channel"]!.ToString()))
        {
            var numbers = channel.Select(p => int.Parse(p["text"]!.ToString().Split(' ')[1])).ToList();
            Assert.Equal(numbers.Order(), numbers);
        }
    }

    [SkippableFact]
    public async Task The_same_teams_activity_to_both_hosts_is_answered_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var fake = await FakeBotFramework.StartAsync();
        var settings = TeamsDeliveryTests.Settings(database.Settings);
        await using var a = await BotTestHost.StartAsync(settings, listen: true);
        await using var b = await BotTestHost.StartAsync(settings, listen: true);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            var activity = TeamsActivities.Personal(fake.ServiceUrl, "aide", id: $"msg-pg-{i}", user: $"29:user-{i % 3}", conversation: $"a:personal-{i % 3}");
            var responses = await Task.WhenAll(TeamsActivities.PostAsync(clientA, activity), TeamsActivities.PostAsync(clientB, activity), TeamsActivities.PostAsync(clientA, activity));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        var answers = await fake.WaitForAnswersAsync(10, TimeSpan.FromSeconds(30), settleMs: 1000);
        Assert.Equal(10, answers.Count);
        Assert.Equal(10, answers.Select(x => x.RawPath).Distinct().Count());
        Assert.Equal(3, fake.Delivered.Count(FakeBotFramework.IsWelcome));
    }
}
