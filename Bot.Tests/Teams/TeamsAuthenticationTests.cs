using System.Net;
using System.Security.Cryptography;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Teams;

/// <summary>Inbound JWT validation with locally generated RSA keys and a local OpenID metadata endpoint.</summary>
public sealed class TeamsAuthenticationTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private BotTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "secret",
            ["Teams:OpenIdMetadataUrl"] = _fake.MetadataUrl,
            ["Teams:ServiceUrlHosts:0"] = "127.0.0.1",
            ["Delivery:PollInterval"] = "00:00:00.050",
        }, services => services.AddSingleton<Communaute.Bot.Channels.Teams.IBotTokenSource>(new FixedTokenSource()), listen: true);
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private sealed class FixedTokenSource : Communaute.Bot.Channels.Teams.IBotTokenSource
    {
        public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>("outbound-token");
    }

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_reply_carries_the_bots_bearer_token()
    {
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide"), _fake.Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _fake.WaitForAnswersAsync(1));
        Assert.Equal("Bearer outbound-token", reply.Authorization);
    }

    [Fact]
    public async Task With_authentication_a_service_url_outside_the_bot_framework_hosts_is_refused()
    {
        // A valid token for that service URL is not enough: the bot only calls the hosts it is configured for.
        var serviceUrl = "https://attacker.example.com/";
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(serviceUrl, "aide"), _fake.Token(serviceUrl: serviceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(_fake.Calls);
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.CountAsync());
    }

    [Fact]
    public async Task Signing_keys_are_cached_between_requests()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide"), _fake.Token())).StatusCode);
        Assert.Equal(1, _fake.MetadataRequests);
    }

    public static TheoryData<string> Cases => ["missing", "expired", "notYetValid", "wrongIssuer", "wrongAudience", "badSignature", "algNone", "notEndorsed", "serviceUrlMismatch", "notBearer"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_token_gets_401_and_the_bot_does_nothing(string flaw)
    {
        var now = DateTime.UtcNow;
        using var stranger = RSA.Create(2048);
        string? token = flaw switch
        {
            "missing" => null,
            "expired" => _fake.Token(notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "notYetValid" => _fake.Token(notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            "wrongIssuer" => _fake.Token(issuer: "https://sts.example.com"),
            "wrongAudience" => _fake.Token(audience: "99999999-0000-0000-0000-000000000000"),
            "badSignature" => _fake.Token(key: stranger),
            "algNone" => _fake.UnsignedToken(),
            "notEndorsed" => _fake.Token(key: _fake.OtherKey, kid: FakeBotFramework.OtherChannelKid),
            "serviceUrlMismatch" => _fake.Token(serviceUrl: "https://attacker.example.com/"),
            "notBearer" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };
        var activity = TeamsActivities.Personal(_fake.ServiceUrl, "aide");
        HttpResponseMessage response;
        if (flaw == "notBearer")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
            response = await _client.SendAsync(request);
        }
        else response = await TeamsActivities.PostAsync(_client, activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_fake.Calls);
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        Assert.Equal(0, await db.Conversations.CountAsync());
        Assert.Equal(0, await db.Members.CountAsync());
    }

    [Fact]
    public async Task Tokens_within_the_five_minute_skew_are_accepted()
    {
        var now = DateTime.UtcNow;
        var token = _fake.Token(notBefore: now.AddHours(-1), expires: now.AddMinutes(-3));
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
