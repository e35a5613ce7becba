using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>
/// The chat page's API over HTTP on a real server: the server decides who the visitor is (a cookie), keeps the
/// conversation, answers a message once, and refuses requests from other sites.
/// </summary>
public sealed class WebChatProtocolTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<T> Db<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    [Fact]
    public async Task A_question_comes_back_as_an_adaptive_card_with_its_citation()
    {
        using var visitor = Visitor.Of(_host);
        var answer = await visitor.Says("Qu'est-ce que le FISO ?");
        var card = answer[1]!["reply"]!["card"]!;
        Assert.Equal("member", answer[0]!["from"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Contains("Source", card.ToJsonString());
    }

    [Fact]
    public async Task Identity_fields_in_a_request_are_ignored_so_nobody_can_act_as_another_visitor()
    {
        using var victim = Visitor.Of(_host);
        await victim.Says("Comment faire un gâteau au chocolat ?");
        var (victimUser, victimConversation) = await Db(db => db.Set<WebChatSession>().Select(s => new ValueTuple<string, string>(s.UserId, s.ConversationId)).SingleAsync());

        using var attacker = Visitor.Of(_host);
        var export = await attacker.Post(new JsonObject
        {
            ["userId"] = victimUser, ["conversationId"] = victimConversation, ["userName"] = "Victime", ["text"] = "mes données",
        });
        Assert.DoesNotContain("gâteau", export.AllText());
        await attacker.Post(new JsonObject { ["userId"] = victimUser, ["conversationId"] = victimConversation, ["text"] = "supprimer mes données" });
        await attacker.Post(new JsonObject { ["userId"] = victimUser, ["conversationId"] = victimConversation, ["text"] = "oui" });

        Assert.Equal(1, await Db(db => db.Members.CountAsync(m => m.ChannelUserId == victimUser)));
        Assert.Equal(1, await Db(db => db.UnansweredQuestions.CountAsync(q => q.Text.Contains("gâteau"))));
        Assert.DoesNotContain("gâteau", (await attacker.History()).AllText());
        Assert.Contains("gâteau", (await victim.History()).AllText());
    }

    [Fact]
    public async Task A_reload_or_a_new_tab_gets_the_conversation_from_the_server_and_sends_nothing()
    {
        using var visitor = Visitor.Of(_host);
        var first = await visitor.Open();
        Assert.Contains("Bonjour", first.ToJsonString());
        await visitor.Says("caractériser");
        await visitor.Says("Commencer");

        var reloaded = await visitor.Open();
        var entries = reloaded.Select(e => (string)e!["from"]!).ToList();
        Assert.Equal(["bot", "member", "bot", "member", "bot"], entries);
        Assert.Contains("Quel besoin social", reloaded[^1]!.ToJsonString());
        Assert.True(reloaded[^1]!["asks"]!.GetValue<bool>());
        Assert.Equal(2, await Db(db => db.Set<WebChatMessage>().CountAsync(m => m.From == WebChatSender.Member)));
    }

    [Fact]
    public async Task The_same_message_sent_twice_is_answered_once()
    {
        using var visitor = Visitor.Of(_host);
        await visitor.Open();
        var body = new JsonObject { ["messageId"] = "m-double", ["text"] = "Qu'est-ce que le FISO ?" };
        var both = await Task.WhenAll(visitor.Post(body.DeepClone().AsObject()), visitor.Post(body.DeepClone().AsObject()));
        Assert.Single(both, r => r.AsArray().Count > 0);
        var retry = await visitor.Post(body.DeepClone().AsObject());
        Assert.Empty(retry.AsArray());
        Assert.Equal(1, await Db(db => db.AnswerAudits.CountAsync()));
        Assert.Equal(1, await Db(db => db.Set<WebChatMessage>().CountAsync(m => m.From == WebChatSender.Member)));
    }

    [Fact]
    public async Task A_clicked_button_carries_its_value_and_prompt_and_names_the_card_it_answers()
    {
        using var visitor = Visitor.Of(_host);
        var unknown = await visitor.Says("Comment faire un gâteau au chocolat ?");
        var cardId = unknown[1]!["id"]!.GetValue<long>();
        var click = await visitor.Post(new JsonObject
        {
            ["value"] = new JsonObject { ["__text"] = "transmettre", ["__prompt"] = "p1" }, ["label"] = "Transmettre aux animateurs", ["replyTo"] = cardId,
        });
        Assert.Equal(cardId, click[0]!["replyTo"]!.GetValue<long>());
        Assert.Equal("Transmettre aux animateurs", click[0]!["text"]!.GetValue<string>());
        Assert.Contains("transmis", click.ToJsonString());
    }

    [Fact]
    public async Task A_suggested_button_carries_its_typed_intent_and_clicking_it_with_that_intent_does_what_it_says()
    {
        using var visitor = Visitor.Of(_host);
        var reply = await visitor.Says("réserver 999");
        Assert.True(reply[1]?["reply"]?["suggestedActions"] is JsonArray, reply.ToJsonString());
        var button = reply[1]!["reply"]!["suggestedActions"]!.AsArray().Select(b => b!.AsObject())
            .First(b => b["data"] is JsonObject);
        Assert.False(string.IsNullOrEmpty(button["data"]!["action"]!.GetValue<string>()));
        var value = button["data"]!.DeepClone().AsObject();
        value["__text"] = "un texte qui dit autre chose";
        var click = await visitor.Post(new JsonObject { ["value"] = value, ["label"] = button["label"]!.GetValue<string>(), ["replyTo"] = reply[1]!["id"]!.GetValue<long>() });
        var typed = await visitor.Says(button["value"]!.GetValue<string>());
        Assert.True(click.Count > 1, click.ToJsonString());
        Assert.Equal(typed[1]!["reply"]!.ToJsonString(), click[1]!["reply"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"text\":\"sans identifiant de message\"}")]
    [InlineData("{\"messageId\":\"../../etc\",\"text\":\"x\"}")]
    [InlineData("{\"messageId\":12,\"text\":\"mauvais type\"}")]
    [InlineData("{\"messageId\":\"m1\",\"text\":\"\\ud800 seul\"}")]
    [InlineData("{\"messageId\":\"m1\",\"value\":{\"__text\":\"\\udc00\"}}")]
    [InlineData("{\"messageId\":\"m1\",\"value\":{\"__text\":\"aide\"},\"label\":\"\\ud800\"}")]
    public async Task Malformed_requests_get_400_with_a_french_reason_and_change_nothing(string raw)
    {
        using var http = _host.CreateClient();
        var response = await http.PostAsync("api/webchat/turns", new StringContent(raw, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await Db(db => db.Members.CountAsync()));
        Assert.Equal(0, await Db(db => db.Set<WebChatSession>().CountAsync()));
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413()
    {
        using var visitor = Visitor.Of(_host);
        var response = await visitor.Http.PostAsJsonAsync("api/webchat/turns", new { messageId = "m1", text = new string('a', 200_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await Db(db => db.Members.CountAsync()));
    }

    [Theory]
    [InlineData("Origin", "http://evil.example", "application/json", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "null", "application/json", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "cross-site", "application/json", HttpStatusCode.Forbidden)]
    [InlineData("X-None", "", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("X-None", "", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Cross_site_requests_and_bodies_that_are_not_json_are_refused(string header, string value, string contentType, HttpStatusCode expected)
    {
        using var visitor = Visitor.Of(_host);
        await visitor.Open();
        foreach (var path in new[] { "api/webchat/turns", "api/webchat/session" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent("{\"messageId\":\"x1\",\"text\":\"supprimer mes données\"}", Encoding.UTF8, contentType),
            };
            request.Headers.TryAddWithoutValidation(header, value);
            var response = await visitor.Http.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
        Assert.Equal(0, await Db(db => db.Set<WebChatMessage>().CountAsync(m => m.From == WebChatSender.Member)));
    }

    [Fact]
    public async Task The_page_s_own_origin_is_accepted()
    {
        using var visitor = Visitor.Of(_host);
        visitor.Http.DefaultRequestHeaders.Add("Origin", _host.BaseAddress!.ToString().TrimEnd('/'));
        visitor.Http.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        Assert.Contains("FISO", (await visitor.Says("Qu'est-ce que le FISO ?")).ToJsonString());
    }

    [Fact]
    public async Task Reading_without_a_session_is_refused()
    {
        using var http = _host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/webchat/messages?after=0")).StatusCode);
    }

    [Fact]
    public async Task Proactive_messages_are_appended_to_the_transcript_the_page_reads()
    {
        using var visitor = Visitor.Of(_host);
        var greeting = await visitor.Open();
        var last = greeting[^1]!["id"]!.GetValue<long>();
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var member = await db.Members.SingleAsync(m => m.Channel == "webchat");
            var messenger = scope.ServiceProvider.GetRequiredService<Communaute.Bot.Delivery.ProactiveMessenger>();
            Assert.True(await messenger.SendToMemberAsync(member.Id, [Communaute.Dialogs.Replies.Reply.Say("Rappel : session demain à 9 h")], "test:rappel", CancellationToken.None));
        }
        // Proactive messages go through the outbox: delivered to the transcript by the sender.
        await _host.DeliverOutboxAsync();
        var fresh = await visitor.Read(last);
        Assert.Contains("Rappel : session demain", fresh["messages"]!.ToJsonString());
        var after = fresh["cursor"]!["after"]!.GetValue<long>();
        Assert.Empty((await visitor.Read(after))["messages"]!.AsArray());
        Assert.Contains("Rappel : session demain", (await visitor.Open()).ToJsonString());
    }

    [Fact]
    public async Task A_bot_message_updated_by_the_connector_is_read_again_with_its_new_revision()
    {
        using var visitor = Visitor.Of(_host);
        var greeting = await visitor.Open();
        var cursor = (await visitor.Read(0))["cursor"]!;
        long id;
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var transcript = scope.ServiceProvider.GetRequiredService<WebChatTranscript>();
            var conversation = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<WebChatSession>().Select(s => s.ConversationId).SingleAsync();
            id = await transcript.AppendBotMessageAsync(conversation, "{\"text\":\"Session : 3 places\"}", CancellationToken.None);
            Assert.True(await transcript.UpdateAsync(id, "{\"text\":\"Session : complet\"}", CancellationToken.None));
        }
        var read = await visitor.Read(cursor["after"]!.GetValue<long>(), cursor["since"]!.GetValue<long>());
        var entry = read["messages"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == id)!;
        Assert.Equal(2, entry["revision"]!.GetValue<int>());
        Assert.Contains("complet", entry.ToJsonString());
        Assert.NotEmpty(greeting);
    }

    [Fact]
    public async Task Erasing_my_data_on_the_page_removes_the_transcript_and_the_session()
    {
        using var visitor = Visitor.Of(_host);
        await visitor.Says("Comment faire un gâteau au chocolat ?");
        await visitor.Says("supprimer mes données");
        var done = await visitor.Says("oui");
        Assert.Contains("supprim", done.ToJsonString());
        Assert.Equal(0, await Db(db => db.Set<WebChatMessage>().CountAsync()));
        Assert.Equal(0, await Db(db => db.Set<WebChatSession>().CountAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.Http.GetAsync("api/webchat/messages?after=0")).StatusCode);
        Assert.DoesNotContain("gâteau", (await visitor.Open()).AllText());
    }

    [Fact]
    public async Task The_page_and_its_api_are_off_outside_development_unless_enabled()
    {
        await using var production = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["WebChat:Enabled"] = "" }, listen: true);
        using var http = production.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("api/webchat/turns", new { messageId = "m1", text = "aide" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("api/webchat/session", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);

        await using var development = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["WebChat:Enabled"] = "", ["environment"] = "Development" }, listen: true);
        using var dev = development.CreateClient();
        var page = await dev.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public void Dotnet_run_starts_the_bot_in_development_on_the_readme_s_address()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "Bot", "Properties", "launchSettings.json")))!;
        var profile = settings["profiles"]!.AsObject().First().Value!;
        Assert.Equal("Project", profile["commandName"]!.GetValue<string>());
        Assert.Equal("Development", profile["environmentVariables"]!["ASPNETCORE_ENVIRONMENT"]!.GetValue<string>());
        // No applicationUrl: it would win over ASPNETCORE_URLS; the README's address is the program's own default.
        Assert.Null(profile["applicationUrl"]);
        Assert.Equal("http://localhost:3978", Communaute.Bot.Hosting.BotApp.DefaultUrl);
    }
}

/// <summary>A browser of the chat page: its own cookie jar, so its own session.</summary>
internal sealed class Visitor : IDisposable
{
    private int _sent;

    private Visitor(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static Visitor Of(BotTestHost host) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseAddress });

    private bool _opened;

    /// <summary>Opens the page: the conversation so far.</summary>
    public async Task<JsonArray> Open()
    {
        var response = await Http.PostAsJsonAsync("api/webchat/session", new { });
        response.EnsureSuccessStatusCode();
        _opened = true;
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["messages"]!.AsArray();
    }

    public async Task<JsonArray> History() => await Open();

    public async Task<JsonObject> Read(long after, long since = 0) =>
        (await Http.GetFromJsonAsync<JsonObject>($"api/webchat/messages?after={after}&since={since}"))!;

    /// <summary>Types a message; returns the new transcript entries (the member's, then the bot's).</summary>
    public Task<JsonArray> Says(string text) => Post(new JsonObject { ["text"] = text });

    /// <summary>Sends a message as the page does: in the conversation the page opened first.</summary>
    public async Task<JsonArray> Post(JsonObject body)
    {
        if (!_opened) await Open();
        body["messageId"] ??= $"m{Interlocked.Increment(ref _sent)}-{Guid.NewGuid():N}";
        var response = await Http.PostAsJsonAsync("api/webchat/turns", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["messages"]!.AsArray();
    }

    public void Dispose() => Http.Dispose();
}
