using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// The bot's own token, by client credentials with the real MSAL: its HTTP calls to the token authority are
/// answered by a local stand-in (MSAL refuses a non-HTTPS authority, so requests are routed through its HTTP factory).
/// </summary>
public sealed class TeamsTokenTests
{
    private sealed class FakeAuthority : HttpMessageHandler, IMsalHttpClientFactory
    {
        public ConcurrentQueue<(Uri Uri, string Body)> Requests { get; } = new();

        public HttpClient GetHttpClient() => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            Requests.Enqueue((request.RequestUri!, body));
            if (request.RequestUri!.AbsolutePath.EndsWith("/oauth2/v2.0/token"))
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"msal-token-1"}""", Encoding.UTF8, "application/json"),
                };
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Replies_carry_a_client_credentials_token_obtained_once_and_cached()
    {
        var authority = new FakeAuthority();
        await using var fake = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "s3cret",
            ["Teams:TenantId"] = "tenant-1",
            ["Teams:Authority"] = "https://login.example.test/tenant-1",
            ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
            ["Teams:ServiceUrlHosts:0"] = "127.0.0.1",
            ["Delivery:PollInterval"] = "00:00:00.050",
        }, services => services.AddSingleton<IMsalHttpClientFactory>(authority), listen: true);
        using var client = host.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(fake.ServiceUrl, "aide"), fake.Token());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await fake.WaitForAnswersAsync(2);
        Assert.All(fake.Messages, m => Assert.Equal("Bearer msal-token-1", m.Authorization));
        var tokenRequest = Assert.Single(authority.Requests, r => r.Uri.AbsolutePath.EndsWith("/oauth2/v2.0/token"));
        Assert.Equal("https://login.example.test/tenant-1/oauth2/v2.0/token", tokenRequest.Uri.GetLeftPart(UriPartial.Path));
        var form = tokenRequest.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => WebUtility.UrlDecode(p[1]));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(FakeBotFramework.AppId, form["client_id"]);
        Assert.Equal("s3cret", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }
}
