using System.Net;
using System.Text;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Bot.Tests.Teams;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.7 (the parts outside the channel adapters) and 9.8: no input yields a 5xx, none makes parsing slow.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("""{"messageId":"m1","text":"bonjour \udc00 x"}""")]
    [InlineData("""{"messageId":"m2","timeZone":"A\ud800B","text":"aide"}""")]
    [InlineData("""{"messageId":"m3","value":{"__text":"x","note":"\ud800"}}""")]
    public async Task Lone_surrogates_in_any_web_chat_field_get_400_not_500(string body)
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var client = host.CreateClient();
        var response = await client.PostAsync("api/webchat/turns", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mal encodé", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invalid_utf8_gets_400_not_500()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var client = host.CreateClient();
        var bytes = Encoding.UTF8.GetBytes("""{"messageId":"m1","text":"X"}""").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'X'), [0xFF, 0xFE, 0xC3, 0x28]);
        var content = new ByteArrayContent(bytes.ToArray());
        content.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("api/webchat/turns", content)).StatusCode);
    }

    [Fact]
    public void Cleaning_text_with_lone_surrogates_keeps_the_rest()
    {
        var (text, truncated) = InputText.Clean("bonjour \ud800 le \udc00monde 🤝");
        Assert.Equal("bonjour \uFFFD le \uFFFDmonde 🤝", text);
        Assert.False(truncated);
        Assert.Equal("", Communaute.Dialogs.Conversation.TextMatching.Fold("\ud800"));
    }

    [Fact]
    public async Task A_bearer_token_that_is_not_a_jwt_gets_401_not_500()
    {
        using var log = new LogFile();
        await using var connector = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(log.Settings(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId, ["Teams:AppPassword"] = "secret", ["Teams:OpenIdMetadataUrl"] = connector.MetadataUrl,
        }), listen: true);
        using var client = host.CreateClient();
        foreach (var token in new[] { "a.b.c", "e30.e30.", "x.y", "....", "eyJhbGciOiJub25lIn0.%%%.x" })
        {
            var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(connector.ServiceUrl, "aide"), token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{token} : {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{log.Errors()}");
            Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(connector.Messages);
    }

    [Fact]
    public async Task A_request_the_server_cannot_read_is_refused_with_its_status_not_logged_as_unhandled()
    {
        using var log = new LogFile();
        await using var host = await BotTestHost.StartAsync(log.Settings(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "secret", ["Slack:BotToken"] = "xoxb-test" }), listen: true);
        foreach (var path in new[] { "/api/webchat/turns", "/api/messages", "/slack/events" })
        {
            // A chunked body with a chunk size that is not hexadecimal, then one longer than the server accepts.
            Assert.Equal(400, await RawStatusAsync(host, $"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"));
            Assert.Equal(413, await RawStatusAsync(host, $"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{{"));
        }
        var lines = await log.WaitForAsync(ls => ls.Count(l => l.Contains("HTTP : ")) >= 1);
        Assert.Contains(lines, l => l.Contains("requête malformée (400)"));
        Assert.DoesNotContain(lines, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Slack_text_is_bounded_before_any_regular_expression()
    {
        var hostile = new string('<', 40_000);
        Assert.True(SlackEvents.CleanText(hostile, "UBOT").Length <= SlackMrkdwn.MaxInputLength);
        Assert.True(SlackMrkdwn.Unescape("<@U1|" + new string('<', 40_000)).Length <= SlackMrkdwn.MaxInputLength + 10);
        // Links and mentions are still reduced to their text.
        Assert.Equal("voir le site et Bob", SlackMrkdwn.Unescape("voir <https://x.org|le site> et <@U1|Bob>"));
    }

    [Fact]
    public async Task Forty_thousand_unclosed_brackets_do_not_stall_the_slack_queue()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U7", "D7", new string('<', 40_000), "1795000000.000100")));
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U7", "D7", "aide", "1795000000.000200")));
        // Before the bound, the first message held the worker for about 35 s; both are answered well within this wait.
        var answers = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", 2, seconds: 15);
        Assert.True(answers.Count >= 2, $"{answers.Count} réponse(s)");
    }

    [Fact]
    public void A_name_escaped_for_cards_shows_as_plain_characters_in_slack()
    {
        var name = Communaute.Dialogs.Replies.UserText.Name("**Chef** [lien](https://evil.example) <@U1> &");
        var mrkdwn = SlackMrkdwn.FromMarkdown("Profil partagé par " + name);
        Assert.Equal("Profil partagé par **Chef** [lien](https://evil.example) &lt;@U1&gt; &amp;", mrkdwn);
        Assert.Equal("\uF03C stays", SlackMrkdwn.FromMarkdown("\uF03C stays").Replace("\uFFFD", "\uF03C"));
        Assert.DoesNotContain("<", SlackMrkdwn.FromMarkdown("\uF03C@U1\uF03E"));
    }

    private static async Task<int> RawStatusAsync(BotTestHost host, string request)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(host.BaseAddress!.Host, host.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        return int.Parse(statusLine.Split(' ')[1]);
    }
}
