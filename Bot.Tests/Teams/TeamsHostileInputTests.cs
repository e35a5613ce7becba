using System.Net;
using System.Text.Json.Nodes;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// Activities of every odd shape get a 4xx/5xx-free answer and, when refused, change nothing (issue 9.7, 9.12):
/// entities and members that are not what Teams sends, ids that could climb a URL, service URLs the bot must not call.
/// </summary>
public sealed class TeamsHostileInputTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private BotTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), listen: true);
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    public static TheoryData<string> OddEntities =>
    [
        """[{"type":5}]""",
        """[{"type":"mention","mentioned":{"id":5,"name":[]},"text":{"a":1}}]""",
        """[{"type":"mention","mentioned":"28:bot-id","text":"<at>Communauté</at>"}]""",
        """[{"type":"clientInfo","timezone":12}]""",
        """[null, 3, "x", []]""",
    ];

    [Theory]
    [MemberData(nameof(OddEntities))]
    public async Task Entities_of_unexpected_shapes_are_read_safely(string entities)
    {
        var activity = TeamsActivities.Personal(_fake.ServiceUrl, "<at>Communauté</at> aide", id: "msg-entities");
        activity["entities"] = JsonNode.Parse(entities);

        var response = await TeamsActivities.PostAsync(_client, activity);

        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK)
            Assert.Contains("Ce que je sais faire", Assert.Single(await _fake.WaitForDeliveredAsync(1)).Body!.ToJsonString());
    }

    [Theory]
    [InlineData("""[null, {"id":"28:bot-id"}]""")]
    [InlineData("""[null]""")]
    [InlineData("""[{"id": 7}]""")]
    public async Task Members_added_with_odd_entries_are_answered_without_error(string members)
    {
        var activity = TeamsActivities.BotInstalled(_fake.ServiceUrl);
        activity["membersAdded"] = JsonNode.Parse(members);

        var response = await TeamsActivities.PostAsync(_client, activity);

        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
    }

    public static TheoryData<string> BadIds => ["a/b", "..", "x/../../admin", new string('7', 1025)];

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task An_activity_id_that_could_climb_a_url_is_refused_before_the_inbox(string id)
    {
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(_fake.Calls);
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Conversations.CountAsync());
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("http://10.0.0.8/connector")]
    public async Task Without_authentication_only_loopback_service_urls_are_accepted(string serviceUrl)
    {
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(serviceUrl, "aide", id: "msg-ssrf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Conversations.CountAsync());
    }

    [Fact]
    public async Task An_unhandled_invoke_gets_a_clear_400_not_a_5xx()
    {
        var invoke = TeamsActivities.Personal(_fake.ServiceUrl, "");
        invoke["type"] = "invoke";
        invoke["name"] = "composeExtension/query";

        var response = await TeamsActivities.PostAsync(_client, invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("non prise en charge", await response.Content.ReadAsStringAsync());
    }
}
