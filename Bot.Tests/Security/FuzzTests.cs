using System.Net;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Verbs.Bench;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.7: no input of any shape yields a 5xx, on any endpoint, and the bot stays up.</summary>
public sealed class FuzzTests
{
    /// <summary>
    /// Slack payloads validly signed but of the wrong shape still get 500 from the Slack adapter (SlackEndpoints,
    /// SlackInbound: JSON indexers on non-objects, empty authorizations, form keys over 2,048 characters), a Teams
    /// activity id with "/" or ".." gets 502 after the turn ran and `membersAdded: [null]` a 500 (TeamsActivityHandler): the delivery work rewrites those
    /// files, so this test is skipped until it lands (then remove the Skip).
    /// </summary>
    public const string SlackSecret = "fuzz-signing-secret";

    [Fact]
    public async Task Thousands_of_hostile_requests_on_every_endpoint_get_no_5xx_and_the_bot_stays_up()
    {
        using var log = new LogFile();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var teams = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(log.Settings(Settings(slack)), listen: true);
        using var client = host.CreateClient();
        var generator = new HostileRequests(20261130, SlackSecret, teams.ServiceUrl, () => host.Clock.GetCurrentInstant().ToUnixTimeSeconds(), adapterCases: false);

        var result = await FuzzRun.RunAsync(client, generator, 3000, 8, CancellationToken.None);

        Assert.True(result.ServerErrors == 0 && result.Failures == 0,
            $"{result.ServerErrors} réponse(s) 5xx et {result.Failures} sans réponse sur {result.Requests} :\n" + string.Join("\n", result.Examples)
            + "\n\nJournal :\n" + log.Errors());
        Assert.True(result.Statuses.Keys.Count(s => s < 300) > 0 && result.Statuses.Keys.Count(s => s >= 400) > 2,
            "le fuzz doit atteindre le traitement et les refus : " + string.Join(", ", result.Statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
        // A client the fuzz did not use (the loopback one may have used its quota) is served normally.
        using var page = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseAddress };
        using var open = new HttpRequestMessage(HttpMethod.Post, "api/webchat/session") { Content = Json("{}") };
        open.Headers.Add("X-Forwarded-For", "192.0.2.77");
        Assert.Equal(HttpStatusCode.OK, (await page.SendAsync(open)).StatusCode);
        using var after = new HttpRequestMessage(HttpMethod.Post, "api/webchat/turns") { Content = Json("""{"messageId":"after-1","text":"aide"}""") };
        after.Headers.Add("X-Forwarded-For", "192.0.2.77");
        Assert.Equal(HttpStatusCode.OK, (await page.SendAsync(after)).StatusCode);
    }

    [Fact]
    public async Task Channel_payloads_of_the_wrong_shape_get_no_5xx()
    {
        using var log = new LogFile();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var teams = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(log.Settings(Settings(slack)), listen: true);
        using var client = host.CreateClient();
        var generator = new HostileRequests(7, SlackSecret, teams.ServiceUrl, () => host.Clock.GetCurrentInstant().ToUnixTimeSeconds(), adapterCases: true);
        var result = await FuzzRun.RunAsync(client, generator, 2000, 8, CancellationToken.None);
        Assert.True(result.ServerErrors == 0, $"{result.ServerErrors} réponse(s) 5xx :\n" + string.Join("\n", result.Examples) + "\n\nJournal :\n" + log.Errors());
    }

    public static Dictionary<string, string?> Settings(FakeSlackApi slack) => new()
    {
        ["Slack:SigningSecret"] = SlackSecret,
        ["Slack:BotToken"] = "xoxb-fuzz",
        ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        ["Slack:BotUserId"] = "UBOT",
        ["Slack:MinIntervalPerChannelMs"] = "0",
    };

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
