using System.Text;
using Communaute.Bot.Security;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.11: security headers on the page, the APIs and the files; no Server header.</summary>
public sealed class HeaderTests
{
    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_server_header()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var client = host.CreateClient();
        var responses = new[]
        {
            await client.GetAsync(""),
            await client.GetAsync("chat.js"),
            await client.PostAsync("api/webchat/turns", new StringContent("""{"conversationId":"h","userId":"h","text":"aide"}""", Encoding.UTF8, "application/json")),
            await client.PostAsync("api/messages", new StringContent("{}", Encoding.UTF8, "application/json")),
            await client.PostAsync("slack/events", new StringContent("{}", Encoding.UTF8, "application/json")),
            await client.GetAsync("media/inconnu.png"),
            await client.GetAsync("nulle-part"),
        };
        foreach (var response in responses)
        {
            var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} ({(int)response.StatusCode})";
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), what);
            Assert.Equal(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'", Assert.Single(csp));
            Assert.Equal(SecuritySetup.ContentSecurityPolicy, Assert.Single(csp));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.False(response.Headers.Contains("Server"), what);
        }
    }
}
