using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackSignatureTests
{
    private static byte[] EventBody(string id) =>
        Encoding.UTF8.GetBytes(SlackTestHost.Envelope(id, SlackTestHost.DirectMessage("U1", "D1", "aide", "1795000000.000100")).ToJsonString());

    public static TheoryData<string> BadCases => ["wrong-secret", "tampered-body", "stale", "future", "missing-headers", "missing-signature", "garbage-timestamp"];

    [Theory]
    [MemberData(nameof(BadCases))]
    public async Task Badly_signed_requests_get_401_and_nothing_is_processed(string badCase)
    {
        await using var t = await SlackTestHost.StartAsync();
        var body = EventBody("EvBad");
        var now = t.Now;
        HttpResponseMessage response;
        switch (badCase)
        {
            case "wrong-secret":
                response = await t.PostSignedAsync("slack/events", body, "application/json", secret: "another-secret");
                break;
            case "tampered-body":
            {
                var request = Signed(body, now);
                var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("aide", "AIDE"));
                request.Content = new ByteArrayContent(tampered);
                response = await t.Http.SendAsync(request);
                break;
            }
            case "stale":
                response = await t.PostSignedAsync("slack/events", body, "application/json", timestamp: now - 301);
                break;
            case "future":
                response = await t.PostSignedAsync("slack/events", body, "application/json", timestamp: now + 301);
                break;
            case "missing-headers":
                response = await t.PostSignedAsync("slack/events", body, "application/json", withHeaders: false);
                break;
            case "missing-signature":
            {
                var request = Signed(body, now);
                request.Headers.Remove(SlackSignature.SignatureHeader);
                response = await t.Http.SendAsync(request);
                break;
            }
            default:
            {
                var request = Signed(body, now);
                request.Headers.Remove(SlackSignature.TimestampHeader);
                request.Headers.Add(SlackSignature.TimestampHeader, "demain");
                response = await t.Http.SendAsync(request);
                break;
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(await t.InboxAsync());
        Assert.Empty(t.Slack.Calls);
        Assert.Empty(t.Turns.All);

        // The same request, correctly signed, is accepted: the case above failed for its signature alone.
        var ok = await t.PostSignedAsync("slack/events", body, "application/json");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(await t.InboxAsync());
    }

    [Fact]
    public async Task Window_edges_are_accepted_within_five_minutes_both_ways()
    {
        await using var t = await SlackTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await t.PostSignedAsync("slack/events", EventBody("EvPast"), "application/json", timestamp: t.Now - 300)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.PostSignedAsync("slack/events", EventBody("EvFuture"), "application/json", timestamp: t.Now + 300)).StatusCode);
    }

    [Theory]
    [InlineData("slack/events")]
    [InlineData("slack/commands")]
    [InlineData("slack/interactivity")]
    public async Task Without_a_signing_secret_the_endpoints_answer_503(string path)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = slack.BaseUrl }, listen: true);
        using var http = host.CreateClient();
        var body = EventBody("Ev503");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Headers.Add(SlackSignature.TimestampHeader, host.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString());
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign("", host.Clock.GetCurrentInstant().ToUnixTimeSeconds(), body));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("SigningSecret", await response.Content.ReadAsStringAsync());
        Assert.Empty(slack.Calls);
    }

    [Fact]
    public void Signer_matches_slacks_documented_example()
    {
        // The example of Slack's "Verifying requests from Slack" page.
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        var signature = SlackSignature.Sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, Encoding.UTF8.GetBytes(body));
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", signature);
    }

    [Fact]
    public async Task Signer_and_verifier_agree_with_slacks_own_sdks()
    {
        const string secret = "test-signing-secret-0123456789";
        const long now = 1795000000;
        var bodies = new[]
        {
            "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\",\"text\":\"Qu'est-ce que le FISO ?\"}}",
            "payload=%7B%22type%22%3A%22block_actions%22%7D",
            "token=x&text=caract%C3%A9riser+mon+projet&user_id=U1",
            "{\"text\":\"émergence & accélération <ESS> 🌱\"}",
            "",
        };
        var vectors = new JsonArray();
        var expected = new List<bool>();
        var i = 0;
        foreach (var body in bodies)
            foreach (var (label, ts, signingSecret, tamper) in new[]
                     {
                         ("valid", now, secret, false), ("wrong-secret", now, "other", false), ("tampered", now, secret, true),
                         ("stale", now - 301, secret, false), ("future", now + 301, secret, false), ("edge", now - 299, secret, false),
                     })
            {
                var signature = SlackSignature.Sign(signingSecret, ts, Encoding.UTF8.GetBytes(body));
                var sent = tamper ? body + " " : body;
                var ours = SlackSignature.Verify(secret, ts.ToString(), signature, Encoding.UTF8.GetBytes(sent), now) == SignatureCheck.Valid;
                expected.Add(ours);
                vectors.Add(new JsonObject
                {
                    ["id"] = $"{i++}-{label}", ["secret"] = secret, ["body"] = sent, ["timestamp"] = ts, ["signature"] = signature, ["nowMs"] = now * 1000,
                });
            }
        // Slack's SDKs also sign: our verifier must accept what they produce.
        var output = JsonNode.Parse(await ExternalTools.NodeAsync("slack-signature.js", vectors.ToJsonString()))!.AsObject();
        var results = output["results"]!.AsArray();
        Assert.Equal(expected.Count, results.Count);
        for (var k = 0; k < results.Count; k++)
        {
            var r = results[k]!;
            var id = r["id"]!.GetValue<string>();
            // Both SDKs only refuse timestamps older than five minutes; the bot also refuses those too far ahead.
            var sdkExpected = id.EndsWith("-future") ? true : expected[k];
            if (id.EndsWith("-future")) Assert.False(expected[k], "le vérificateur du bot doit refuser un horodatage futur : " + id);
            Assert.True(sdkExpected == r["bolt"]!.GetValue<bool>(), $"bolt isValidSlackRequest diffère sur {id}");
            Assert.True(sdkExpected == r["eventsApi"]!.GetValue<bool>(), $"events-api verifyRequestSignature diffère sur {id}");
        }
        Assert.Contains(true, expected);
        Assert.Contains(false, expected);
    }

    private static HttpRequestMessage Signed(byte[] body, long ts)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new ByteArrayContent(body) };
        request.Headers.Add(SlackSignature.TimestampHeader, ts.ToString());
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(SlackTestHost.Secret, ts, body));
        return request;
    }
}
