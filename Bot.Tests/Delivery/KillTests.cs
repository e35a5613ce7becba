using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Tests.Slack;
using Communaute.Bot.Tests.Teams;
using Communaute.Bot.Verbs.Bench;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// kill -9 between the acknowledgement and the answer (the platform refuses every answer while the bot runs), then a
/// restart on the same database: every message is answered, once. Real child processes (<see cref="BotChildProcess"/>),
/// killed with SIGKILL.
/// </summary>
public sealed class KillTests
{
    private const int Messages = 20;

    private static Dictionary<string, string?> Common(string dataDirectory) => new()
    {
        ["Knowledge:Folder"] = Infrastructure.RepoPaths.KnowledgeBase,
        ["Knowledge:WatchForChanges"] = "false",
        ["Serilog:MinimumLevel:Override:Communaute"] = "Warning",
        ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "bot.db")}",
        ["Delivery:LeaseDuration"] = "00:00:02",
        ["Delivery:RetryBaseDelay"] = "00:00:00.200",
        ["Delivery:MaxRetryDelay"] = "00:00:01",
        ["Delivery:PollInterval"] = "00:00:00.050",
        ["Delivery:Scheduler:Enabled"] = "false",
    };

    [Fact]
    public async Task Teams_activities_acknowledged_before_a_kill_are_answered_once_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("communaute-kill-teams-");
        await using var fake = await FakeBotFramework.StartAsync();
        var settings = Common(data.FullName);
        settings["Teams:ConnectorTimeout"] = "00:00:02";
        fake.Refuse(503);

        var activities = Enumerable.Range(0, Messages)
            .Select(i => TeamsActivities.Personal(fake.ServiceUrl, "aide", id: $"msg-kill-{i}", user: $"29:user-{i % 4}", conversation: $"a:personal-{i % 4}"))
            .ToList();
        await using (var first = await BotChildProcess.StartAsync(settings))
        {
            using var http = first.CreateClient();
            foreach (var activity in activities)
                Assert.Equal(HttpStatusCode.OK, (await TeamsActivities.PostAsync(http, activity)).StatusCode);
            first.Kill();
        }
        Assert.Empty(fake.Delivered);

        fake.Accept();
        await using var second = await BotChildProcess.StartAsync(settings);
        using (var http = second.CreateClient())
            // The Bot Connector delivers some of them again after the outage: still one answer each.
            foreach (var activity in activities.Take(5))
                Assert.Equal(HttpStatusCode.OK, (await TeamsActivities.PostAsync(http, activity)).StatusCode);
        var answers = await fake.WaitForAnswersAsync(Messages, TimeSpan.FromSeconds(60), settleMs: 1500);

        Assert.True(answers.Count == Messages, $"{answers.Count} réponses sur {Messages}\n{second.Output}");
        Assert.Equal(Messages, answers.Select(a => a.RawPath).Distinct().Count());
        Assert.Equal(4, fake.Delivered.Count(FakeBotFramework.IsWelcome));
        try { data.Delete(recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Slack_events_acknowledged_before_a_kill_are_answered_once_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("communaute-kill-slack-");
        await using var slack = await FakeSlackApi.StartAsync();
        var settings = Common(data.FullName);
        foreach (var (k, v) in SlackTestHost.Settings(slack))
            if (k.StartsWith("Slack:", StringComparison.Ordinal)) settings[k] = v;
        for (var c = 0; c < 4; c++) slack.FailChannel($"D{c}", 503);

        var events = Enumerable.Range(0, Messages)
            .Select(i => SlackTestHost.Envelope($"EvKill{i}", SlackTestHost.DirectMessage($"U{i % 4}", $"D{i % 4}", "aide", $"1795000000.{i:D6}")).ToJsonString())
            .ToList();
        await using (var first = await BotChildProcess.StartAsync(settings))
        {
            using var http = first.CreateClient();
            foreach (var body in events) Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(http, body));
            first.Kill();
        }

        slack.HealChannels();
        await using var second = await BotChildProcess.StartAsync(settings);
        using (var http = second.CreateClient())
            foreach (var body in events.Take(5)) Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(http, body));
        await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") is not null, count: Messages, seconds: 60, settleMs: 1500);

        var keys = slack.PostedKeys;
        Assert.True(keys.Count == Messages, $"{keys.Count} réponses sur {Messages}\n{second.Output}");
        Assert.Equal(Messages, keys.Distinct().Count());
        try { data.Delete(recursive: true); } catch (IOException) { }
    }

    /// <summary>An event signed as Slack signs it, with the real time (the child process runs on the system clock).</summary>
    private static async Task<HttpStatusCode> PostSignedAsync(HttpClient http, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SlackSignature.TimestampHeader, now.ToString());
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(SlackTestHost.Secret, now, body));
        return (await http.SendAsync(request)).StatusCode;
    }
}
