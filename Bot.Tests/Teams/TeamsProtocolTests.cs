using System.Net;
using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Teams;

/// <summary>The Bot Framework protocol against a fake Bot Connector on 127.0.0.1 (authentication off, as with the Playground).</summary>
public sealed class TeamsProtocolTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private BotTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(new Dictionary<string, string?>
        {
            // Long enough that a loaded CI machine never times out a call the test expects to succeed.
            ["Teams:ConnectorTimeout"] = "00:00:03",
        }), listen: true);
        _client = _host.CreateClient();
    }

    /// <summary>Alice has the app installed (and was welcomed): what follows is about her messages only.</summary>
    private async Task InstalledAsync()
    {
        await TeamsActivities.PostAsync(_client, TeamsActivities.BotInstalled(_fake.ServiceUrl));
        await _fake.WaitForDeliveredAsync(1);
        _fake.Reset();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_question_in_personal_chat_is_answered_with_a_card_replying_to_the_activity()
    {
        await InstalledAsync();
        var activity = TeamsActivities.Personal(_fake.ServiceUrl, "Qu'est-ce que l'innovation sociale ?", id: "msg-42");
        var response = await TeamsActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _fake.WaitForAnswersAsync(1));
        Assert.Single(_fake.Messages);
        Assert.Equal("POST", reply.Method);
        Assert.Equal("/connector/v3/conversations/a%3Apersonal-alice/activities/msg-42", reply.RawPath);
        var body = reply.Body!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("msg-42", (string?)body["replyToId"]);
        Assert.Equal(TeamsActivities.BotId, (string?)body["from"]!["id"]);
        Assert.Equal("29:user-alice", (string?)body["recipient"]!["id"]);
        Assert.Equal("a:personal-alice", (string?)body["conversation"]!["id"]);
        var attachment = body["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal("1.5", (string?)attachment["content"]!["version"]);
        Assert.Contains("innovation sociale", attachment["content"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_a_channel_the_mention_is_stripped_and_the_answer_goes_to_the_thread()
    {
        var thread = "19:general@thread.tacv2;messageid=1700000000000";
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.ChannelMention(_fake.ServiceUrl, "aide", thread));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _fake.WaitForAnswersAsync(1));
        Assert.StartsWith("/connector/v3/conversations/19%3Ageneral%40thread.tacv2%3Bmessageid%3D1700000000000/activities/", reply.RawPath);
        Assert.Contains("Ce que je sais faire", reply.Body!.ToJsonString());
        await using var scope = _host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Conversations.SingleAsync(c => c.IsGroup);
        Assert.Equal(thread, stored.ChannelConversationId);
    }

    [Fact]
    public async Task A_card_click_reaches_the_same_routing_as_typed_text()
    {
        await InstalledAsync();
        await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide"));
        var typed = Assert.Single(await _fake.WaitForAnswersAsync(1)).Body!["attachments"]!.ToJsonString();

        var click = TeamsActivities.Submit(_fake.ServiceUrl, new JsonObject { [SubmitData.TextKey] = "aide", [SubmitData.PromptKey] = "p-1" });
        var response = await TeamsActivities.PostAsync(_client, click);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = await _fake.WaitForAnswersAsync(2);
        Assert.Equal(2, answers.Count);
        Assert.Equal(typed, answers[1].Body!["attachments"]!.ToJsonString());
    }

    [Fact]
    public void Submit_data_maps_like_the_web_chat()
    {
        var activity = new Activity
        {
            Type = "message", Id = "x", ServiceUrl = "https://smba.example/", ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:u" }, Recipient = new ChannelAccount { Id = "28:b" },
            Conversation = new ConversationAccount { Id = "a:c", ConversationType = "personal" },
        };
        var data = System.Text.Json.JsonDocument.Parse("""{"__text":"valider","__prompt":"carac-3","structure":"Ronalpia","effectif":12,"vide":null}""").RootElement;
        var turn = TeamsTurnMapper.ToTurn(activity, data);
        Assert.Equal("valider", turn.Text);
        Assert.Equal("carac-3", turn.PromptId);
        Assert.Equal(new Dictionary<string, string> { ["structure"] = "Ronalpia", ["effectif"] = "12" }, turn.FormValues);
        Assert.False(turn.IsGroup);
    }

    [Fact]
    public async Task Action_Execute_gets_an_invoke_response_and_the_answer_in_the_conversation()
    {
        await InstalledAsync();
        var invoke = TeamsActivities.Personal(_fake.ServiceUrl, "");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "choice", ["data"] = new JsonObject { [SubmitData.TextKey] = "aide" } },
        };
        var response = await TeamsActivities.PostAsync(_client, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Equal("C'est noté.", (string?)body["value"]);
        Assert.Contains("Ce que je sais faire", Assert.Single(await _fake.WaitForAnswersAsync(1)).Body!.ToJsonString());
    }

    [Theory]
    [InlineData("conversationUpdate")]
    [InlineData("installationUpdate")]
    public async Task Installing_the_bot_welcomes_the_conversation_once(string type)
    {
        var first = await TeamsActivities.PostAsync(_client, TeamsActivities.BotInstalled(_fake.ServiceUrl, type: type));
        var second = await TeamsActivities.PostAsync(_client, TeamsActivities.BotInstalled(_fake.ServiceUrl, type: "conversationUpdate"));
        var third = await TeamsActivities.PostAsync(_client, TeamsActivities.BotInstalled(_fake.ServiceUrl, type: "installationUpdate"));

        Assert.All([first, second, third], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _fake.WaitForDeliveredAsync(1);
        await Task.Delay(500);
        var welcome = Assert.Single(_fake.Messages);
        Assert.Equal("/connector/v3/conversations/a%3Apersonal-alice/activities", welcome.RawPath);
        Assert.Contains("bienvenue", welcome.Body!.ToJsonString());
    }

    [Fact]
    public async Task Retries_on_429_honour_Retry_After()
    {
        await InstalledAsync();
        _fake.Then(429, retryAfter: TimeSpan.FromSeconds(3));
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var waiting = await WaitForRetryAsync();
        Assert.Equal(_host.Clock.GetCurrentInstant() + NodaTime.Duration.FromSeconds(3), waiting.NextAttemptAt);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(500);
        Assert.Single(_fake.Messages);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var sends = await _fake.WaitForMessagesAsync(2);
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0].RawPath, sends[1].RawPath);
    }

    /// <summary>The outbox row once its failed attempt is recorded (its next attempt planned).</summary>
    private async Task<OutboxMessage> WaitForRetryAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking()
                .FirstOrDefaultAsync(o => o.Status == OutboxStatus.Pending && o.LastError != null);
            if (row is not null) return row;
            await Task.Delay(25);
        }
        throw new TimeoutException("aucun essai en échec enregistré");
    }

    [Fact]
    public async Task A_connector_that_fails_or_hangs_is_retried_until_the_answer_goes_through()
    {
        await InstalledAsync();
        _fake.Then(500);
        _fake.Then(502, delay: null);
        _fake.Then(200, delay: TimeSpan.FromSeconds(8)); // never answers within the 3 s timeout
        var response = await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        for (var i = 0; i < 100 && _fake.Answers.Count == 0; i++)
        {
            _host.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(100);
        }
        Assert.Single(await _fake.WaitForAnswersAsync(1));
        Assert.Equal(4, _fake.Messages.Count);
        await using var scope = _host.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().SingleAsync(o => o.IdempotencyKey.StartsWith("turn:"));
        Assert.Equal((OutboxStatus.Sent, 4), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task A_proactive_send_reaches_the_stored_conversation_and_a_1to1_can_be_opened()
    {
        await TeamsActivities.PostAsync(_client, TeamsActivities.ChannelMention(_fake.ServiceUrl, "aide"));
        await _fake.WaitForAnswersAsync(1);
        _fake.Reset();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var channel = await db.Conversations.SingleAsync(c => c.IsGroup);
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();

        Assert.True(await messenger.SendToConversationAsync(channel.Id, [Reply.Say("Rappel : session demain à 14 h.")], "test:rappel", default));
        Assert.False(await messenger.SendToConversationAsync(channel.Id, [Reply.Say("Rappel : session demain à 14 h.")], "test:rappel", default));
        var proactive = Assert.Single(await _fake.WaitForAnswersAsync(1));
        Assert.Equal("/connector/v3/conversations/19%3Ageneral%40thread.tacv2%3Bmessageid%3D1700000000000/activities", proactive.RawPath);
        Assert.Equal("Rappel : session demain à 14 h.", (string?)proactive.Body!["text"]);

        // Bob never wrote to the bot in 1:1: his conversation is opened with createConversation, from the channel's reference.
        var bob = TeamsActivities.ChannelMention(_fake.ServiceUrl, "aide");
        bob["from"] = new JsonObject { ["id"] = "29:user-bob", ["name"] = "Bob" };
        await TeamsActivities.PostAsync(_client, bob);
        await _fake.WaitForAnswersAsync(2);
        var member = await db.Members.SingleAsync(m => m.ChannelUserId == "29:user-bob");
        var opened = _fake.Calls.Single(c => c.RawPath == "/connector/v3/conversations");
        Assert.Equal("29:user-bob", (string?)opened.Body!["members"]![0]!["id"]);
        Assert.Equal(TeamsActivities.Tenant, (string?)opened.Body!["tenantId"]);
        Assert.True(await messenger.SendToMemberAsync(member.Id, [Reply.Say("Votre digest")], "test:digest", default));
        var digest = (await _fake.WaitForAnswersAsync(3)).Last();
        Assert.StartsWith("/connector/v3/conversations/a%3Adirect-", digest.RawPath);
        Assert.Equal("Votre digest", (string?)digest.Body!["text"]);
        // The 1:1 is known now: a single createConversation.
        Assert.Single(_fake.Calls, c => c.RawPath == "/connector/v3/conversations");
    }

    [Fact]
    public async Task Messages_to_one_conversation_keep_their_order()
    {
        await InstalledAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var conversation = await db.Conversations.SingleAsync();
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
        _fake.Then(200, delay: TimeSpan.FromMilliseconds(300));
        await messenger.SendToConversationAsync(conversation.Id, [Reply.Say("1"), Reply.Say("2")], "test:ordre", default);
        await messenger.SendToConversationAsync(conversation.Id, [Reply.Say("3")], "test:ordre-suite", default);

        var calls = await _fake.WaitForMessagesAsync(3);
        Assert.Equal(["1", "2", "3"], calls.Select(m => (string?)m.Body!["text"]));
        // The second send waited for the first to be answered.
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(250), $"envoyés à {(calls[1].At - calls[0].At).TotalMilliseconds:F0} ms d'intervalle");
    }

    [Fact]
    public async Task A_message_sent_earlier_can_be_updated_and_deleted_through_the_outbox()
    {
        await InstalledAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var conversation = await db.Conversations.SingleAsync();
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
        await messenger.SendToConversationAsync(conversation.Id, [Reply.Say("Digest de novembre")], "digest:2026-11:a", default);
        Assert.True(await messenger.UpdateAsync("digest:2026-11:a", Reply.Say("Digest de novembre (corrigé)"), "digest:2026-11:a:edit1", default));
        Assert.False(await messenger.UpdateAsync("digest:2026-11:a", Reply.Say("Digest de novembre (corrigé)"), "digest:2026-11:a:edit1", default));
        Assert.True(await messenger.DeleteAsync("digest:2026-11:a", "digest:2026-11:a:delete", default));

        var calls = await _fake.WaitForMessagesAsync(3);
        var posted = calls[0];
        var id = (await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(o => o.IdempotencyKey == "digest:2026-11:a")).PlatformMessageId;
        Assert.NotNull(id);
        Assert.Equal("POST", posted.Method);
        Assert.Equal(("PUT", $"/connector/v3/conversations/a%3Apersonal-alice/activities/{id}"), (calls[1].Method, calls[1].RawPath));
        Assert.Equal("Digest de novembre (corrigé)", (string?)calls[1].Body!["text"]);
        Assert.Equal(("DELETE", $"/connector/v3/conversations/a%3Apersonal-alice/activities/{id}"), (calls[2].Method, calls[2].RawPath));
    }

    [Fact]
    public async Task Activities_can_be_updated_and_deleted()
    {
        var connector = _host.Services.GetRequiredService<BotConnectorClient>();
        await connector.UpdateAsync(_fake.ServiceUrl, "19:x@thread.tacv2;messageid=1", "activity-7", new Activity { Type = "message", Text = "modifié" }, default);
        await connector.DeleteAsync(_fake.ServiceUrl, "19:x@thread.tacv2;messageid=1", "activity-7", default);
        var calls = _fake.Calls.ToList();
        Assert.Equal(("PUT", "/connector/v3/conversations/19%3Ax%40thread.tacv2%3Bmessageid%3D1/activities/activity-7"), (calls[0].Method, calls[0].RawPath));
        Assert.Equal("modifié", (string?)calls[0].Body!["text"]);
        Assert.Equal(("DELETE", "/connector/v3/conversations/19%3Ax%40thread.tacv2%3Bmessageid%3D1/activities/activity-7"), (calls[1].Method, calls[1].RawPath));
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("[]", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","text":"aide"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","text":"aide","conversation":{"id":"a:c"},"serviceUrl":"http://127.0.0.1:1/"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","text":"aide","from":{"id":"u"},"conversation":{"id":"../../admin"},"serviceUrl":"http://127.0.0.1:1/"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","text":"aide","from":{"id":"u"},"conversation":{"id":"a/b"},"serviceUrl":"http://127.0.0.1:1/"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"somethingNew","id":"1"}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"messageReaction","id":"1","reactionsAdded":[{"type":"like"}]}""", HttpStatusCode.OK)]
    public async Task Bad_input_gets_a_clear_status_and_changes_nothing(string body, HttpStatusCode expected)
    {
        var response = await TeamsActivities.PostRawAsync(_client, body);
        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(_fake.Calls);
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Conversations.CountAsync());
    }

    [Fact]
    public async Task A_huge_payload_is_refused()
    {
        var activity = TeamsActivities.Personal(_fake.ServiceUrl, new string('a', 300 * 1024));
        var response = await TeamsActivities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_fake.Calls);
    }

    [Theory]
    [InlineData("a:c/../x")]
    [InlineData("..")]
    [InlineData("a\\b")]
    public void Conversation_ids_that_climb_the_path_are_refused(string id) =>
        Assert.Throws<BotConnectorException>(() => BotConnectorClient.Escape(id));

    [Fact]
    public void Conversation_ids_are_escaped_in_the_path() =>
        Assert.Equal("19%3Aabc%40thread.skype%3Bmessageid%3D12", BotConnectorClient.Escape("19:abc@thread.skype;messageid=12"));
}
