using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Security;

/// <summary>
/// Issue 9.5: links to personal files are signed and expire (1 hour for "mes données", 7 days for charts and exports),
/// erasure still removes the files. Issue 13.1: links point wherever the bot is reached.
/// </summary>
public sealed partial class SignedLinkTests : IAsyncLifetime
{
    private FakeBotFramework _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotFramework.StartAsync();
    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task The_my_data_link_works_for_an_hour_and_cannot_be_altered()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var client = host.CreateClient();
        var link = LinkIn(await new TeamsMember(client, _connector, "29:alice", "Alice", host: host).Says("mes données"), ".json");
        var url = new Uri(link);
        Assert.Matches(@"^/media/[0-9a-f]{32}\.json$", url.AbsolutePath);
        Assert.Matches(@"^\?e=\d+&s=[A-Za-z0-9_-]{43}$", url.Query);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Regex.Replace(url.PathAndQuery, @"e=(\d+)", m => $"e={long.Parse(m.Groups[1].Value) + 86_400}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url.PathAndQuery.Replace(".json", ".png"))).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url.PathAndQuery)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expiré", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chart_link_works_seven_days_and_erasure_removes_the_file()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var client = host.CreateClient();
        var alice = new TestChat(host);
        var chart = TestLinks.Of((await CharacterisationPath.Complete(alice)).Replies.Single(r => r.Card?.Image is not null).Card!.Image!.Url);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(chart.PathAndQuery)).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(chart.PathAndQuery)).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(chart.PathAndQuery)).StatusCode);

        // A fresh link to the same file, then erasure: the signature is valid, the file is gone.
        var export = LinkIn(string.Join("\n", (await alice.Says("exporter mon profil")).Replies.SelectMany(r => r.Card?.Links ?? []).Select(l => l.Url)), ".pdf");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TestLinks.Of(export).PathAndQuery)).StatusCode);
        await alice.Says("supprimer mes données");
        await alice.Clicks("Oui, tout supprimer");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(TestLinks.Of(export).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task The_key_is_generated_once_and_kept_in_the_database_or_taken_from_configuration()
    {
        var host = await BotTestHost.StartAsync(listen: true);
        try
        {
            var link = host.Services.GetRequiredService<SignedLinks>().Create("/media/abc.ics", Duration.FromDays(1));
            host = await host.RestartAsync(listen: true);
            Assert.Equal(LinkCheck.Valid, Check(host, link));
            await using (var scope = host.Services.CreateAsyncScope())
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<StoredSecret>().CountAsync());

            var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
            host = await host.RestartAsync(new Dictionary<string, string?> { ["Security:LinkSigningKey"] = key }, listen: true);
            Assert.Equal(LinkCheck.Invalid, Check(host, link));
            var configured = host.Services.GetRequiredService<SignedLinks>().Create("/media/abc.ics", Duration.FromDays(1));
            Assert.Equal(LinkCheck.Valid, Check(host, configured));
        }
        finally { await host.DisposeAsync(); }

        var short_ = await Assert.ThrowsAsync<BotConfigurationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?> { ["Security:LinkSigningKey"] = "c2hvcnQ=" }));
        Assert.Contains("32 octets", short_.Message);
    }

    [Fact]
    public async Task Links_follow_the_address_the_bot_is_reached_on_and_are_relative_on_the_web_page()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var client = host.CreateClient();
        var member = new TeamsMember(client, _connector, "29:alice", "Alice", host: host);

        // Behind a reverse proxy on the same machine (trusted): the public scheme and host it forwards.
        var proxied = LinkIn(await member.Says("mes données", headers: new Dictionary<string, string>
        {
            ["X-Forwarded-Proto"] = "https", ["X-Forwarded-Host"] = "bot.communaute.example", ["X-Forwarded-For"] = "198.51.100.7",
        }), ".json");
        Assert.StartsWith("https://bot.communaute.example/media/", proxied);

        // Straight to the server, on whatever port it listens.
        Assert.StartsWith(host.BaseAddress!.ToString().TrimEnd('/') + "/media/", LinkIn(await member.Says("mes données"), ".json"));

        // The page: relative links, whatever the host and port.
        using var visitor = Communaute.Bot.Tests.WebChat.Visitor.Of(host);
        await visitor.Open();
        var pageLink = LinkIn((await visitor.Says("mes données")).ToJsonString(), ".json");
        Assert.StartsWith("/media/", pageLink);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(pageLink)).StatusCode);
    }

    [Fact]
    public async Task The_configured_public_address_wins_and_its_absence_is_warned_about_when_teams_is_configured()
    {
        using var log = new LogFile();
        await using (var host = await BotTestHost.StartAsync(log.Settings(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId, ["Teams:AppPassword"] = "secret", ["Teams:OpenIdMetadataUrl"] = _connector.MetadataUrl,
        })))
        {
        }
        Assert.Contains(await log.WaitForAsync(ls => ls.Any(l => l.Contains("PublicBaseUrl"))), l => l.Contains("WRN") && l.Contains("Community:PublicBaseUrl est vide"));

        await using var configured = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Community:PublicBaseUrl"] = "https://bot.example.org/" }, listen: true);
        using var client = configured.CreateClient();
        Assert.StartsWith("https://bot.example.org/media/", LinkIn(await new TeamsMember(client, _connector, "29:alice", "Alice", host: configured).Says("mes données"), ".json"));
    }

    private static LinkCheck Check(BotTestHost host, string link)
    {
        var uri = new Uri(new Uri("http://x"), link);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return host.Services.GetRequiredService<SignedLinks>().Check(uri.AbsolutePath, query["e"], query["s"]);
    }

    /// <summary>The first link to a file of that extension in what the bot sent.</summary>
    private static string LinkIn(string replies, string extension)
    {
        var match = Regex.Match(replies, $@"(https?://[^""\s\\]+)?/media/[0-9a-f]{{32}}\{extension}\?e=\d+(&|\\u0026)s=[A-Za-z0-9_-]+");
        Assert.True(match.Success, $"pas de lien {extension} dans :\n{replies}");
        return match.Value.Replace("\\u0026", "&");
    }
}
