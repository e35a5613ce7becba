using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>The local chat endpoint over HTTP on a real server: replies as Adaptive Cards, bad requests refused and harmless.</summary>
public sealed class WebChatProtocolTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync(listen: true);
        _http = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> Post(object body) => _http.PostAsJsonAsync("api/webchat/turns", body);

    private async Task<int> MemberCount()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.CountAsync();
    }

    [Fact]
    public async Task A_question_comes_back_as_an_adaptive_card_with_its_citation()
    {
        var response = await Post(new { conversationId = "c1", userId = "u1", userName = "Ana", text = "Qu'est-ce que le FISO ?" });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var card = body["replies"]![0]!["card"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Contains("Source", card.ToJsonString());
    }

    [Fact]
    public async Task A_clicked_button_carries_its_value_and_prompt()
    {
        await Post(new { conversationId = "c2", userId = "u2", text = "Comment faire un gâteau au chocolat ?" });
        var response = await Post(new { conversationId = "c2", userId = "u2", value = new Dictionary<string, string> { ["__text"] = "transmettre", ["__prompt"] = "p1" } });
        Assert.Contains("transmis", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"conversationId\":\"../../etc\",\"userId\":\"u\",\"text\":\"x\"}")]
    [InlineData("{\"conversationId\":\"c\",\"text\":\"sans utilisateur\"}")]
    [InlineData("{\"conversationId\":\"c\",\"userId\":12,\"text\":\"mauvais type\"}")]
    public async Task Malformed_requests_get_400_with_a_french_reason_and_change_nothing(string raw)
    {
        var response = await _http.PostAsync("api/webchat/turns", new StringContent(raw, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await MemberCount());
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413()
    {
        var text = new string('a', 200_000);
        var response = await Post(new { conversationId = "c3", userId = "u3", text });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await MemberCount());
    }

    [Fact]
    public async Task Proactive_messages_wait_in_the_outbox_until_the_page_reads_them()
    {
        await Post(new { conversationId = "c4", userId = "u4", text = "bonjour" });
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var member = await db.Members.SingleAsync(m => m.ChannelUserId == "u4");
            var messenger = scope.ServiceProvider.GetRequiredService<Communaute.Bot.Delivery.ProactiveMessenger>();
            Assert.True(await messenger.SendToMemberAsync(member.Id, [Communaute.Dialogs.Replies.Reply.Say("Rappel : session demain à 9 h")], "test:rappel", CancellationToken.None));
        }
        // Proactive messages go through the outbox: delivered to the page's table by the sender.
        await _host.Services.GetRequiredService<Communaute.Bot.Delivery.OutboxSender>().DrainAsync();
        var outbox = JsonNode.Parse(await _http.GetStringAsync("api/webchat/conversations/c4/outbox?after=0"))!;
        Assert.Contains("Rappel : session demain", outbox.ToJsonString());
        var last = outbox["messages"]![0]!["id"]!.GetValue<long>();
        var empty = JsonNode.Parse(await _http.GetStringAsync($"api/webchat/conversations/c4/outbox?after={last}"))!;
        Assert.Empty(empty["messages"]!.AsArray());
    }
}
