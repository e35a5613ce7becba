using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Communaute.Bot.Tests.Slack;

/// <summary>
/// Payloads signed with the right secret but of the wrong shape, and the protocol details real clients showed
/// (issue 9.7, 9.12): never a 500, never a call to an address Slack did not give, never two answers to one message.
/// </summary>
public sealed class SlackHostileInputTests
{
    public static TheoryData<string> OddInteractions =>
    [
        """{"type":"block_actions","user":"U1"}""",
        """{"type":"block_actions","user":{"id":"U1"},"channel":"C1","actions":[{"action_id":"choice_0","value":"x"}]}""",
        """{"type":"block_actions","user":{"id":"U1"},"container":[1],"actions":[{"action_id":"choice_0","value":"x"}]}""",
        """{"type":"block_actions","user":{"id":"U1"},"actions":{"action_id":"choice_0"}}""",
        """{"type":"view_submission","user":{"id":"U1"},"view":"v"}""",
        """{"type":"view_submission","user":{"id":"U1"},"view":{"callback_id":"communaute_form","private_metadata":"{\"form\":5}"}}""",
        """{"type":["block_actions"],"user":{"id":["U1"]}}""",
    ];

    [Theory]
    [MemberData(nameof(OddInteractions))]
    public async Task Interactions_of_unexpected_shapes_never_give_a_500(string payload)
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostInteractionAsync(JsonNode.Parse(payload)!.AsObject());
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode} : {await response.Content.ReadAsStringAsync()}");
    }

    public static TheoryData<string> OddEvents =>
    [
        """{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","ts":"1.1","text":"aide"},"authorizations":[]}""",
        """{"type":"event_callback","event_id":"Ev2","event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","ts":"1.2","text":"aide"},"authorizations":"x"}""",
        """{"type":"event_callback","event_id":"Ev3","event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","ts":"1.3","text":"aide"},"authorizations":[3]}""",
        """{"type":"event_callback","event_id":"Ev4","event":"message"}""",
        """{"type":"event_callback","event_id":7,"event":{"type":"app_mention"}}""",
    ];

    [Theory]
    [MemberData(nameof(OddEvents))]
    public async Task Events_of_unexpected_shapes_never_give_a_500(string body)
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:BotUserId"] = "" });
        var response = await t.PostSignedAsync("slack/events", Encoding.UTF8.GetBytes(body), "application/json");
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode} : {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_form_key_over_2048_characters_gets_a_400_with_a_reason()
    {
        await using var t = await SlackTestHost.StartAsync();
        var body = Encoding.UTF8.GetBytes(new string('k', 3000) + "=v&user_id=U1&channel_id=C1&command=%2Fcommunaute");
        var response = await t.PostSignedAsync("slack/commands", body, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_ssl_check_is_answered_200_and_nothing_else()
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostSignedAsync("slack/commands", Encoding.UTF8.GetBytes("ssl_check=1&token=legacy"), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Empty(t.Slack.Calls);
    }

    [Fact]
    public async Task A_direct_message_delivered_as_message_im_and_app_mention_is_answered_once()
    {
        await using var t = await SlackTestHost.StartAsync();
        var dm = SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000700");
        var mention = SlackTestHost.Mention("U1", "D1", "ping", "1795000000.000700");
        mention["channel_type"] = "im";
        await t.PostEventAsync(SlackTestHost.Envelope("EvIm", dm));
        await t.PostEventAsync(SlackTestHost.Envelope("EvMention", mention));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 800);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task A_response_url_outside_hooks_slack_com_is_never_called()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:ResponseUrlPrefixes:0"] = "https://hooks.slack.com/" });
        await t.PostCommandAsync(SlackTestHost.Command("ping", user: "U1", channel: "C1", slack: t.Slack, responseUrlId: "elsewhere"));
        var answer = Assert.Single(await t.Slack.WaitForAsync(c => c.Method is "chat.postEphemeral" or "response_url"));
        Assert.Equal("chat.postEphemeral", answer.Method);
        Assert.Equal("U1", answer.Str("user"));
        Assert.Contains("pong", answer.AllText);
    }

    [Fact]
    public async Task The_top_level_text_fallback_is_escaped()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000800")));
        var posted = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("pong &amp; &lt;réponse&gt;", posted.Str("text"));
    }

    [Fact]
    public async Task Ok_false_ratelimited_honours_retry_after()
    {
        await using var t = await SlackTestHost.StartAsync();
        t.Slack.Script("chat.postMessage", 1, async http =>
        {
            http.Response.Headers.RetryAfter = "2";
            await http.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
        });
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000900")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", settleMs: 1500);
        Assert.Single(t.Slack.CallsTo("chat.postMessage"));

        t.Host.Clock.Advance(TimeSpan.FromSeconds(2));
        var calls = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2);
        Assert.Equal(2, calls.Count);
    }
}
