using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Communaute.Bot.Tests.Slack;

/// <summary>Slack answers through the outbox: errors retried without running the turn again, refusals parked, pace kept.</summary>
public sealed class SlackResilienceTests
{
    private static bool Posted(SlackCall c, string text) => c.Method == "chat.postMessage" && c.AllText.Contains(text);

    [Fact]
    public async Task Server_errors_are_retried_and_the_answer_is_sent_once()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithStatus("chat.postMessage", 2, 503);
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 3, settleMs: 500);
        Assert.Equal(3, t.Slack.CallsTo("chat.postMessage").Count);
        Assert.Single(t.Turns.All);
        Assert.Equal(InboxState.Done, Assert.Single(await t.InboxAsync()).State);
        var sent = Assert.Single(await t.OutboxAsync());
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(3, sent.Attempts);
    }

    [Fact]
    public async Task A_429_waits_for_retry_after()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithStatus("chat.postMessage", 1, 429, retryAfterSeconds: 3);
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 300);
        var waiting = Assert.Single(await t.OutboxAsync());
        Assert.Equal(t.Host.Clock.GetCurrentInstant() + Duration.FromSeconds(3), waiting.NextAttemptAt);

        t.Host.Clock.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(400);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
        t.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2)).Count);
    }

    [Fact]
    public async Task A_long_outage_resumes_later_without_running_the_turn_again_or_resending()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:RetryBaseDelay"] = "00:00:02" });
        t.Slack.Script("chat.postMessage", 1, http => http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["ts"] = "1.1" }));
        t.Slack.FailWithStatus("chat.postMessage", 4, 503);
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "deux", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2, settleMs: 300);
        var rows = await t.OutboxAsync();
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Pending], rows.Select(r => r.Status));
        Assert.Contains("http_503", rows[1].LastError);
        Assert.Equal(InboxState.Done, Assert.Single(await t.InboxAsync()).State);

        for (var i = 0; i < 10 && t.Slack.CallsTo("chat.postMessage").Count < 6; i++)
        {
            t.Host.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(200);
        }
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 6, settleMs: 500);
        Assert.Single(t.Slack.Calls, c => Posted(c, "premier message"));
        Assert.Equal(5, t.Slack.Calls.Count(c => Posted(c, "second message")));
        Assert.Single(t.Turns.All);
        Assert.All(await t.OutboxAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task A_refusal_from_slack_is_parked_with_its_code_and_not_retried()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.FailWithError("chat.postMessage", 1, "channel_not_found");
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 800);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
        var parked = Assert.Single(await t.OutboxAsync());
        Assert.Equal(OutboxStatus.Failed, parked.Status);
        Assert.StartsWith("chat.postMessage: channel_not_found", parked.LastError);
        Assert.Equal(InboxState.Done, Assert.Single(await t.InboxAsync()).State);
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
