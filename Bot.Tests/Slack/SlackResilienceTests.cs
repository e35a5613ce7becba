using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using NodaTime;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackResilienceTests
{
    private static bool Posted(SlackCall c, string text) => c.Method == "chat.postMessage" && c.AllText.Contains(text);

    [Fact]
    public async Task Server_errors_are_retried_and_the_answer_is_sent_once()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithStatus("chat.postMessage", 2, 500);
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 3, settleMs: 500);
        Assert.Equal(3, t.Slack.CallsTo("chat.postMessage").Count);
        Assert.Single(t.Turns.All);
        Assert.Equal(SlackInboxState.Done, Assert.Single(await t.InboxAsync()).State);
    }

    [Fact]
    public async Task A_429_waits_for_retry_after()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithStatus("chat.postMessage", 1, 429, retryAfterSeconds: 1);
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        var calls = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"attendu ≥ 1 s, {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Ok_false_ratelimited_is_retried()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithError("chat.postMessage", 1, "ratelimited");
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        Assert.Equal(2, (await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2)).Count);
        Assert.Equal(SlackInboxState.Done, Assert.Single(await t.InboxAsync()).State);
    }

    [Fact]
    public async Task A_long_outage_resumes_later_without_running_the_turn_again_or_resending()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.Script("chat.postMessage", 1, http => http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["ts"] = "1.1" }));
        t.Slack.FailWithStatus("chat.postMessage", 4, 503);
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "deux", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 5, settleMs: 300);
        var item = Assert.Single(await t.InboxAsync());
        Assert.Equal(SlackInboxState.Pending, item.State);
        Assert.Equal(1, item.SentCount);
        Assert.Equal(1, item.Attempts);
        Assert.Contains("http_503", item.LastError);

        t.Host.Clock.Advance(Duration.FromSeconds(5));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 6, settleMs: 500);
        Assert.Single(t.Slack.Calls, c => Posted(c, "premier message"));
        Assert.Equal(5, t.Slack.Calls.Count(c => Posted(c, "second message")));
        Assert.Single(t.Turns.All);
        Assert.Equal(SlackInboxState.Done, Assert.Single(await t.InboxAsync()).State);
    }

    [Fact]
    public async Task A_refusal_from_slack_is_logged_with_its_code_and_not_retried_forever()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithError("chat.postMessage", 1, "channel_not_found");
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 800);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
        var item = Assert.Single(await t.InboxAsync());
        Assert.Equal(SlackInboxState.Done, item.State);
        Assert.Equal("chat.postMessage: channel_not_found", item.LastError);
    }

    [Fact]
    public async Task Without_users_info_the_turn_is_still_answered()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithError("users.info", 1, "missing_scope");
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage");
        Assert.Null(Assert.Single(t.Turns.All).TimeZone);
    }

    [Fact]
    public async Task Messages_to_one_channel_are_paced()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:MinIntervalPerChannelMs"] = "400" });
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "deux", "1795000000.000100")));
        var calls = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(380));
    }
}
