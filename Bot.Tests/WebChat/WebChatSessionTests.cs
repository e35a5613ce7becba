using System.Net;
using System.Net.Http.Json;
using System.Text;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>
/// Issue 20.4: visitors are created only by the page (POST /session), at a bounded rate per client, and a visitor who
/// never wrote is erased within the hour.
/// </summary>
public sealed class WebChatSessionTests
{
    private static async Task<(int Members, int Sessions, int Conversations, int Messages)> CountsAsync(BotTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return (await db.Members.CountAsync(), await db.Set<WebChatSession>().CountAsync(), await db.Conversations.CountAsync(),
            await db.Set<WebChatMessage>().CountAsync());
    }

    [Fact]
    public async Task A_turn_without_the_page_s_session_is_refused_and_creates_no_visitor()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };

        for (var i = 0; i < 5; i++)
        {
            var response = await http.PostAsync("api/webchat/turns", new StringContent($$"""{"messageId":"m{{i}}","text":"aide"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("rechargez la page", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal((0, 0, 0, 0), await CountsAsync(host));
    }

    [Fact]
    public async Task Creating_visitors_is_limited_per_client_while_a_known_visitor_goes_on()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Security:RateLimits:WebChatSessionsBurst"] = "3", ["Security:RateLimits:WebChatSessionsPerHour"] = "6",
        }, listen: true);
        using var known = Visitor.Of(host);
        await known.Open();
        using var noCookies = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await noCookies.PostAsJsonAsync("api/webchat/session", new { })).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await noCookies.PostAsJsonAsync("api/webchat/session", new { });
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("nouvelles conversations", await refused.Content.ReadAsStringAsync());
        Assert.Equal(3, (await CountsAsync(host)).Sessions);

        // The visitor who has a session is not a new one: reopening and talking go on.
        Assert.NotEmpty(await known.Open());
        Assert.Contains("Ce que je sais faire", (await known.Says("aide")).ToJsonString());
        // Another client has its own allowance.
        using var other = new HttpRequestMessage(HttpMethod.Post, "api/webchat/session") { Content = JsonContent.Create(new { }) };
        other.Headers.Add("X-Forwarded-For", "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, (await noCookies.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_visitor_who_never_wrote_is_erased_within_the_hour_and_one_who_wrote_is_kept()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var silent = Visitor.Of(host);
        using var talker = Visitor.Of(host);
        await silent.Open();
        await talker.Says("Qu'est-ce que le FISO ?");
        Assert.Equal(2, (await CountsAsync(host)).Sessions);

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await host.RunDueWorkAsync();
        Assert.Equal(2, (await CountsAsync(host)).Sessions);

        host.Clock.Advance(TimeSpan.FromMinutes(31));
        await host.RunDueWorkAsync();

        var (members, sessions, conversations, _) = await CountsAsync(host);
        Assert.Equal((1, 1, 1), (members, sessions, conversations));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var kept = await db.Set<WebChatSession>().SingleAsync();
        Assert.True(await db.Set<WebChatMessage>().AllAsync(m => m.ConversationId == kept.ConversationId));
        // The silent visitor's page asks again: a new conversation, with its welcome.
        Assert.Equal(HttpStatusCode.Unauthorized, (await silent.Http.GetAsync("api/webchat/messages?after=0")).StatusCode);
        Assert.Contains("Bonjour", (await silent.Open()).ToJsonString());
    }
}
