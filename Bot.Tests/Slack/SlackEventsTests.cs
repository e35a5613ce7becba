using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackEventsTests
{
    [Fact]
    public async Task Url_verification_answers_the_challenge()
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostEventAsync(new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_in_its_thread()
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.Mention("U1", "C1", "aide", "1795000000.000100")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("C1", posted.Str("channel"));
        Assert.Equal("1795000000.000100", posted.Str("thread_ts"));
        Assert.Contains("Ce que je sais faire", posted.AllText);
        Assert.Equal("Bearer xoxb-test", posted.Authorization);

        var turn = Assert.Single(t.Turns.All);
        Assert.Equal("slack", turn.Channel);
        Assert.Equal("aide", turn.Text);
        Assert.True(turn.IsGroup);
        Assert.Equal("C1", turn.ConversationId);
    }

    [Fact]
    public async Task A_mention_inside_a_thread_stays_in_that_thread()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.Mention("U1", "C1", "ping", "1795000000.000200", threadTs: "1795000000.000050")));
        var posted = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("1795000000.000050", posted.Str("thread_ts"));
        // mrkdwn escaping of the bot's own text
        Assert.Contains("pong &amp; &lt;réponse&gt;", posted.Blocks.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_dm_with_the_members_time_zone()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.TimeZones["U974"] = "Indian/Reunion";
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U974", "D974", "ping", "1795000000.000300")));
        var posted = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("D974", posted.Str("channel"));
        Assert.Null(posted.Str("thread_ts"));
        var turn = Assert.Single(t.Turns.All);
        Assert.Equal("Indian/Reunion", turn.TimeZone);
        Assert.False(turn.IsGroup);
        Assert.Equal("Membre U974", turn.UserName);

        using var scope = t.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var member = await db.Members.SingleAsync(m => m.Channel == "slack" && m.ChannelUserId == "U974");
        Assert.Equal("Indian/Reunion", member.TimeZoneId);
        var conversation = await db.Conversations.SingleAsync(c => c.Channel == "slack" && c.ChannelConversationId == "D974");
        Assert.Equal(member.Id, conversation.DirectMemberId);
        Assert.Contains("\"channel\":\"D974\"", conversation.ReferenceJson);
    }

    [Fact]
    public async Task A_members_time_zone_is_kept_an_hour_on_the_bots_clock_then_asked_again()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.TimeZones["U975"] = "Europe/Paris";
        async Task SayAsync(string ts, int answers)
        {
            await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U975", "D975", "ping", ts)));
            await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: answers);
        }

        await SayAsync("1795000000.000700", 1);
        t.Slack.TimeZones["U975"] = "America/Cayenne"; // the member moved
        t.Host.Clock.Advance(TimeSpan.FromMinutes(59));
        await SayAsync("1795000000.000701", 2);
        t.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        await SayAsync("1795000000.000702", 3);

        Assert.Equal(["Europe/Paris", "Europe/Paris", "America/Cayenne"], t.Turns.All.Select(turn => turn.TimeZone));
        Assert.Equal(2, t.Slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task Bot_messages_own_messages_edits_and_other_events_are_ignored()
    {
        await using var t = await SlackTestHost.StartAsync();
        var ignored = new List<JsonObject>
        {
            new() { ["type"] = "message", ["channel_type"] = "im", ["channel"] = "D1", ["ts"] = "1.1", ["text"] = "aide", ["bot_id"] = "B9", ["user"] = "U9" },
            new() { ["type"] = "message", ["channel_type"] = "im", ["channel"] = "D1", ["ts"] = "1.2", ["text"] = "aide", ["user"] = SlackTestHost.BotUserId },
            new() { ["type"] = "message", ["channel_type"] = "im", ["channel"] = "D1", ["ts"] = "1.3", ["subtype"] = "message_changed", ["message"] = new JsonObject { ["text"] = "aide" } },
            new() { ["type"] = "message", ["channel_type"] = "im", ["channel"] = "D1", ["ts"] = "1.4", ["subtype"] = "bot_message", ["text"] = "aide" },
            new() { ["type"] = "message", ["channel_type"] = "channel", ["channel"] = "C1", ["ts"] = "1.5", ["text"] = "aide", ["user"] = "U1" },
            new() { ["type"] = "reaction_added", ["user"] = "U1", ["reaction"] = "thumbsup" },
            new() { ["type"] = "app_home_opened", ["user"] = "U1" },
        };
        foreach (var ev in ignored)
            Assert.Equal(HttpStatusCode.OK, (await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), ev))).StatusCode);
        // Another envelope type is acknowledged too.
        Assert.Equal(HttpStatusCode.OK, (await t.PostEventAsync(new JsonObject { ["type"] = "app_rate_limited", ["minute_rate_limited"] = 1 })).StatusCode);
        await Task.Delay(500);
        Assert.Empty(t.Slack.Messages);
        Assert.Empty(t.Turns.All);
        Assert.Empty(await t.InboxAsync());
    }

    [Fact]
    public async Task The_same_event_delivered_three_times_is_answered_once()
    {
        await using var t = await SlackTestHost.StartAsync();
        var envelope = SlackTestHost.Envelope("EvRetry1", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000400"));
        Assert.Equal(HttpStatusCode.OK, (await t.PostEventAsync(envelope)).StatusCode);
        for (var retry = 1; retry <= 2; retry++)
            Assert.Equal(HttpStatusCode.OK, (await t.PostEventAsync(envelope, new Dictionary<string, string>
            {
                ["X-Slack-Retry-Num"] = retry.ToString(), ["X-Slack-Retry-Reason"] = "http_timeout",
            })).StatusCode);
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 800);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
        Assert.Single(t.Turns.All);
        Assert.Single(await t.InboxAsync());
    }

    [Fact]
    public async Task Concurrent_duplicates_are_answered_once()
    {
        await using var t = await SlackTestHost.StartAsync();
        var envelope = SlackTestHost.Envelope("EvRace", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000450"));
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => t.PostEventAsync(envelope)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 800);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("{ pas du json", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}", "application/json")]
    [InlineData("{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}", "application/json")]
    public async Task Malformed_events_get_400_and_change_nothing(string body, string contentType)
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostSignedAsync("slack/events", Encoding.UTF8.GetBytes(body), contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("illisible", await response.Content.ReadAsStringAsync());
        Assert.Empty(await t.InboxAsync());
    }

    [Fact]
    public async Task The_queue_survives_a_restart()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:ProcessInbox"] = "false" });
        await t.PostEventAsync(SlackTestHost.Envelope("EvRestart", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000500")));
        await Task.Delay(300);
        Assert.Empty(t.Slack.Messages);
        Assert.Equal(InboxState.Pending, Assert.Single(await t.InboxAsync()).State);

        await t.RestartAsync(new Dictionary<string, string?> { ["Delivery:ProcessInbox"] = "true" });
        var posted = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Contains("pong", posted.AllText);
        Assert.Equal(InboxState.Done, Assert.Single(await t.InboxAsync()).State);

        // Slack retrying after the restart is still recognised.
        await t.PostEventAsync(SlackTestHost.Envelope("EvRestart", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000500")));
        await Task.Delay(400);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
    }
}
