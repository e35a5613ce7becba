using System.Net;
using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;
using NodaTime;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.9: values from requests cannot forge log lines; a flood of rejected requests logs a sampled summary.</summary>
public sealed class LogTests : IAsyncLifetime
{
    private FakeBotFramework _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotFramework.StartAsync();
    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task A_value_with_line_breaks_stays_on_its_line()
    {
        using var log = new LogFile();
        await using var host = await BotTestHost.StartAsync(log.Settings(), listen: true);
        using var client = host.CreateClient();
        var invoke = TeamsActivities.Personal(_connector.ServiceUrl, "");
        invoke["type"] = "invoke";
        invoke["name"] = "inconnu\r\n[09:00:00 ERR] Base de données corrompue : appelez le 01 23 45 67 89\u2028fin";
        await TeamsActivities.PostAsync(client, invoke);

        var lines = await log.WaitForAsync(ls => ls.Any(l => l.Contains("invoke")));
        Assert.DoesNotContain(lines, l => l.StartsWith("[09:00:00 ERR]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(@"inconnu\r\n[09:00:00 ERR] Base de données corrompue") && l.Contains(@"\u2028fin"));
    }

    [Fact]
    public async Task A_flood_of_forged_tokens_logs_one_line_then_a_count_per_minute_and_no_stack_trace()
    {
        using var log = new LogFile();
        await using var host = await BotTestHost.StartAsync(log.Settings(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId, ["Teams:AppPassword"] = "secret", ["Teams:OpenIdMetadataUrl"] = _connector.MetadataUrl,
        }), listen: true);
        using var client = host.CreateClient();
        var activity = TeamsActivities.Personal(_connector.ServiceUrl, "aide");
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var forged = _connector.Token(key: stranger);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
        {
            for (var i = 0; i < 60; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsActivities.PostAsync(client, activity, i % 2 == 0 ? "a.b.c" : forged)).StatusCode);
        }));
        var lines = await log.WaitForAsync(ls => ls.Count(l => l.Contains("Teams (401)")) >= 2);
        var rejections = lines.Where(l => l.Contains("Teams (401)")).ToList();
        Assert.True(rejections.Count == 2, string.Join("\n", lines)); // one per reason: unreadable token, bad signature
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsActivities.PostAsync(client, activity, "a.b.c")).StatusCode);
        lines = await log.WaitForAsync(ls => ls.Count(l => l.Contains("Teams (401)")) >= 3);
        Assert.Contains(lines, l => l.Contains("Teams (401)") && l.Contains("239 autre(s) requête(s) refusée(s)") && l.Contains("jeton illisible"));
        Assert.Equal(3, lines.Count(l => l.Contains("Teams (401)")));
    }
}
