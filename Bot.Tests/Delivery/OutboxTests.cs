using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// The outbox as features use it (written in their transaction, keys that make a second write a no-op) and as the
/// sender drains it: pace per channel, many channels at once, a poison conversation parked without holding up the
/// others, a conversation that no longer exists parked at once, never a duplicate after an uncertain attempt.
/// </summary>
public sealed class OutboxTests
{
    /// <summary>Stores Slack channels C0…C{n-1} as conversations the bot knows, and returns their ids.</summary>
    private static async Task<List<long>> ChannelsAsync(BotTestHost host, int count, string prefix = "C")
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = host.Clock.GetCurrentInstant();
        var rows = Enumerable.Range(0, count).Select(i => new Conversation
        {
            Channel = "slack", ChannelConversationId = $"{prefix}{i}", IsGroup = true, CreatedAt = now, LastActivityAt = now,
            ReferenceJson = Communaute.Bot.Channels.Slack.SlackInboxHandler.Reference($"{prefix}{i}", "T1"),
        }).ToList();
        db.Conversations.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(BotTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task A_message_is_written_with_the_callers_transaction_and_a_used_key_writes_nothing()
    {
        await using var host = await BotTestHost.StartAsync();
        var channel = (await ChannelsAsync(host, 1))[0];
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            Assert.True(await messenger.SendToConversationAsync(channel, [Reply.Say("annulé")], "test:rollback", default));
            await rolledBack.RollbackAsync();
        }
        Assert.Empty(await OutboxAsync(host));

        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            Assert.True(await messenger.SendToConversationAsync(channel, [Reply.Say("un"), Reply.Say("deux"), Reply.Say("trois")], "digest:2026-12:7", default));
            Assert.False(await messenger.SendToConversationAsync(channel, [Reply.Say("un")], "digest:2026-12:7", default));
            await committed.CommitAsync();
        }
        var rows = await OutboxAsync(host);
        Assert.Equal(["digest:2026-12:7", "digest:2026-12:7#2", "digest:2026-12:7#3"], rows.Select(r => r.IdempotencyKey));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.Equal("deux", ReplyJson.Deserialize(rows[1].PayloadJson)!.Text);
    }

    [Fact]
    public async Task Messages_to_one_slack_channel_are_paced_and_in_order_even_with_two_senders()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var settings = SlackTestHost.Settings(slack, new Dictionary<string, string?> { ["Slack:MinIntervalPerChannelMs"] = "40" });
        await using var a = await BotTestHost.StartAsync(settings, listen: true);
        await using var b = await BotTestHost.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(a.DataDirectory, "bot.db")}",
        }, listen: true);
        var channel = (await ChannelsAsync(a, 1))[0];

        await using (var scope = a.Services.CreateAsyncScope())
        {
            var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
            for (var i = 0; i < 100; i++)
                await messenger.SendToConversationAsync(channel, [Reply.Say($"message {i:D3}")], $"test:pace:{i:D3}", default);
        }
        var posts = (await slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 100, seconds: 60)).ToList();

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"message {i:D3}"), posts.Select(p => p.Str("text")));
        var gaps = posts.Zip(posts.Skip(1), (x, y) => (y.At - x.At).TotalMilliseconds).ToList();
        Assert.True(gaps.Min() >= 35, $"écart minimal {gaps.Min():F0} ms (attendu ≥ 40 ms)");
        Assert.Equal(100, slack.PostedKeys.Distinct().Count());
    }

    [Fact]
    public async Task Messages_to_a_hundred_channels_go_out_in_parallel_within_each_channels_pace()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:MinIntervalPerChannelMs"] = "1000" });
        var channels = await ChannelsAsync(t.Host, 100);
        await using (var scope = t.Host.Services.CreateAsyncScope())
        {
            var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
            foreach (var channel in channels)
                await messenger.SendToConversationAsync(channel, [Reply.Say("Rappel"), Reply.Say("Second rappel")], $"test:wide:{channel}", default);
        }
        var started = DateTimeOffset.UtcNow;
        var posts = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 200, seconds: 60);
        var elapsed = posts.Max(p => p.At) - started;

        // One channel at 1 message/s would need 200 s; in parallel it takes a little over the second message's wait.
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"200 messages en {elapsed.TotalSeconds:F1} s");
        foreach (var perChannel in posts.GroupBy(p => p.Str("channel")))
        {
            var pair = perChannel.OrderBy(p => p.At).ToList();
            Assert.Equal(["Rappel", "Second rappel"], pair.Select(p => p.Str("text")));
            Assert.True(pair[1].At - pair[0].At >= TimeSpan.FromMilliseconds(950), $"{perChannel.Key} : {(pair[1].At - pair[0].At).TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public async Task A_poison_conversation_is_parked_after_its_attempts_without_holding_up_the_others()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:OutboxMaxAttempts"] = "3" });
        var channels = await ChannelsAsync(t.Host, 10);
        t.Slack.FailChannel("C0", 500);
        await using (var scope = t.Host.Services.CreateAsyncScope())
        {
            var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
            foreach (var channel in channels)
                await messenger.SendToConversationAsync(channel, [Reply.Say("Digest")], $"test:poison:{channel}", default);
        }

        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") != "C0", count: 9);
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0", count: 3, settleMs: 500);
        var rows = await OutboxAsync(t.Host);
        var parked = Assert.Single(rows, r => r.Status == OutboxStatus.Failed);
        Assert.Equal(channels[0], parked.ConversationId);
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("abandonné après 3 essais", parked.LastError);
        Assert.Contains("http_500", parked.LastError);
        Assert.Equal(9, rows.Count(r => r.Status == OutboxStatus.Sent));
        Assert.Equal(3, t.Slack.CallsTo("chat.postMessage").Count(c => c.Str("channel") == "C0"));
    }

    [Fact]
    public async Task A_message_whose_conversation_is_gone_is_parked_not_retried()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:ProcessOutbox"] = "false" });
        var channel = (await ChannelsAsync(t.Host, 1))[0];
        await using (var scope = t.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProactiveMessenger>().SendToConversationAsync(channel, [Reply.Say("Rappel")], "test:gone", default);
            // Erased meanwhile (« supprimer mes données » of a 1:1, a channel removed).
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().Conversations.Where(c => c.Id == channel).ExecuteDeleteAsync();
        }
        await t.Host.Services.GetRequiredService<OutboxSender>().DrainAsync();

        var parked = Assert.Single(await OutboxAsync(t.Host));
        Assert.Equal(OutboxStatus.Failed, parked.Status);
        Assert.Contains("introuvable", parked.LastError);
        Assert.Equal(OutboxFailureKind.TargetGone, parked.FailureKind);
        Assert.Equal(0, parked.Attempts);
        Assert.Empty(t.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task After_an_attempt_whose_answer_was_lost_slack_history_prevents_a_second_post()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:CallTimeout"] = "00:00:01" });
        var channel = (await ChannelsAsync(t.Host, 1))[0];
        // Slack posts the message but its answer comes after the bot stopped waiting.
        t.Slack.PostButAnswerLate(1, TimeSpan.FromSeconds(3));
        await using (var scope = t.Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProactiveMessenger>().SendToConversationAsync(channel, [Reply.Say("Une seule fois")], "test:uncertain", default);

        await t.Slack.WaitForAsync(c => c.Method == "conversations.history", settleMs: 500);
        var row = Assert.Single(await OutboxAsync(t.Host));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("test:uncertain/0", Assert.Single(t.Slack.PostedKeys));
        Assert.Equal(t.Slack.Posted.Single()["ts"]!.ToString(), row.PlatformMessageId);
    }

    [Fact]
    public async Task A_member_who_never_wrote_gets_a_dm_opened_by_the_sender_and_the_web_chat_page_receives_its_messages()
    {
        await using var t = await SlackTestHost.StartAsync();
        // A visitor opens the chat page: their conversation is the one the proactive message goes to.
        using var visitor = Communaute.Bot.Tests.WebChat.Visitor.Of(t.Host);
        var opened = await visitor.Open();
        var after = opened.Max(m => (long)m!["id"]!);
        long slackMember;
        await using (var scope = t.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = t.Host.Clock.GetCurrentInstant();
            var member = new Member { Channel = "slack", ChannelUserId = "U77", CreatedAt = now, LastSeenAt = now };
            db.Add(member);
            await db.SaveChangesAsync();
            slackMember = member.Id;
            var page = await db.Set<Communaute.Bot.WebChat.WebChatSession>().Select(s => s.ConversationId).SingleAsync();
            var webConversation = await db.Conversations.Where(c => c.Channel == "webchat" && c.ChannelConversationId == page).Select(c => c.Id).SingleAsync();
            var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
            Assert.True(await messenger.SendToMemberAsync(slackMember, [Reply.Say("Bienvenue dans la communauté")], "test:dm", default));
            Assert.True(await messenger.SendToConversationAsync(webConversation, [Reply.Say("Rappel sur la page")], "test:web", default));
        }
        var dm = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("DU77", dm.Str("channel"));

        // The page polls its transcript: the proactive message shows up there, from the bot.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var read = (await visitor.Read(after))["messages"]!.AsArray();
        while (read.Count == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            read = (await visitor.Read(after))["messages"]!.AsArray();
        }
        var shown = Assert.Single(read);
        Assert.Equal("bot", (string)shown!["from"]!);
        Assert.Contains("Rappel sur la page", shown.ToJsonString());
        while ((await OutboxAsync(t.Host)).Any(r => r.Status != OutboxStatus.Sent) && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.All(await OutboxAsync(t.Host), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task A_429_from_slack_delays_the_next_attempt_by_its_retry_after_on_the_clock()
    {
        await using var t = await SlackTestHost.StartAsync();
        var channel = (await ChannelsAsync(t.Host, 1))[0];
        t.Slack.FailWithStatus("chat.postMessage", 1, 429, retryAfterSeconds: 3);
        await using (var scope = t.Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProactiveMessenger>().SendToConversationAsync(channel, [Reply.Say("Rappel")], "test:429", default);

        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 300);
        // Real time passes, the clock does not: no retry before the 3 seconds Slack asked for.
        await Task.Delay(3500);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
        t.Host.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, (await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2)).Count);
    }
}
