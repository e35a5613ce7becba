using System.Net;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Teams;
using Microsoft.Extensions.DependencyInjection;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// Teams manners (issue 13.9, 13.4): newcomers welcomed once, in 1:1, whatever comes first; other people's mentions
/// kept in what the bot reads; a card answered by a click updated to show the choice and lose its buttons.
/// </summary>
public sealed class TeamsMannersTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private BotTestHost _host = null!;
    private HttpClient _client = null!;
    private readonly Heard _heard = new();

    /// <summary>What the pipeline read, and a card with a question for "niveau".</summary>
    private sealed class Heard : ITurnFeature
    {
        public List<string> Texts { get; } = [];
        public int Order => -1000;

        public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            lock (Texts) Texts.Add(context.Text);
            if (context.Text == "niveau")
            {
                context.Send(Reply.Show(new Card
                {
                    Title = "Votre niveau ?",
                    PromptId = "p-niveau",
                    Choices = [new Choice("Faible", "faible"), new Choice("Fort", "fort")],
                }));
                return Task.FromResult(true);
            }
            if (context.Turn.PromptId == "p-niveau")
            {
                context.Say("Noté : " + context.Text);
                return Task.FromResult(true);
            }
            return Task.FromResult(false);
        }
    }

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), s => s.AddScoped<ITurnFeature>(_ => _heard), listen: true);
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static JsonObject MembersAdded(string serviceUrl, params string[] members)
    {
        var a = TeamsActivities.ChannelMention(serviceUrl, "");
        a.Remove("text");
        a.Remove("entities");
        a["type"] = "conversationUpdate";
        a["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = TeamsActivities.Tenant, ["id"] = "19:general@thread.tacv2" };
        a["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsActivities.Tenant }, ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" } };
        a["membersAdded"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject { ["id"] = m }).ToArray());
        return a;
    }

    [Fact]
    public async Task A_member_added_to_a_team_is_welcomed_once_in_a_1to1()
    {
        var first = await TeamsActivities.PostAsync(_client, MembersAdded(_fake.ServiceUrl, "29:user-carla"));
        var again = MembersAdded(_fake.ServiceUrl, "29:user-carla");
        again["id"] = "update-2";
        var second = await TeamsActivities.PostAsync(_client, again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var welcome = Assert.Single(await _fake.WaitForDeliveredAsync(1));
        await Task.Delay(500);
        Assert.Single(_fake.Delivered);
        Assert.True(FakeBotFramework.IsWelcome(welcome));
        Assert.StartsWith("/connector/v3/conversations/a%3Adirect-", welcome.RawPath);
        var opened = Assert.Single(_fake.Calls, c => c.RawPath == "/connector/v3/conversations");
        Assert.Equal("29:user-carla", (string?)opened.Body!["members"]![0]!["id"]);
        Assert.Equal(TeamsActivities.BotId, (string?)opened.Body!["bot"]!["id"]);
        Assert.Equal(TeamsActivities.Tenant, (string?)opened.Body!["tenantId"]);
    }

    [Fact]
    public async Task A_member_whose_first_message_comes_before_the_install_event_is_welcomed_once()
    {
        await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-first"));
        await _fake.WaitForAnswersAsync(1);
        await TeamsActivities.PostAsync(_client, TeamsActivities.BotInstalled(_fake.ServiceUrl, type: "installationUpdate"));
        await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-second"));
        await _fake.WaitForAnswersAsync(2, settleMs: 600);

        var delivered = _fake.Delivered.ToList();
        Assert.Single(delivered, FakeBotFramework.IsWelcome);
        // The welcome came first, in the conversation where the member wrote, then the answer.
        Assert.True(FakeBotFramework.IsWelcome(delivered[0]));
        Assert.Equal("/connector/v3/conversations/a%3Apersonal-alice/activities", delivered[0].RawPath);
        Assert.Equal("/connector/v3/conversations/a%3Apersonal-alice/activities/msg-first", delivered[1].RawPath);
        Assert.Equal(3, delivered.Count);
    }

    [Fact]
    public async Task Other_peoples_mentions_keep_their_names_only_the_bots_is_removed()
    {
        var activity = TeamsActivities.ChannelMention(_fake.ServiceUrl, "est-ce que <at>Bob Martin</at> anime la session ?");
        activity["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = "29:user-bob", ["name"] = "Bob Martin" },
            ["text"] = "<at>Bob Martin</at>",
        });
        await TeamsActivities.PostAsync(_client, activity);
        await _fake.WaitForAnswersAsync(1);

        lock (_heard.Texts) Assert.Equal("est-ce que Bob Martin anime la session ?", Assert.Single(_heard.Texts));
    }

    [Fact]
    public async Task A_card_answered_by_a_click_is_updated_to_show_the_choice_without_buttons()
    {
        await TeamsActivities.PostAsync(_client, TeamsActivities.BotInstalled(_fake.ServiceUrl));
        await _fake.WaitForDeliveredAsync(1);
        _fake.Reset();
        await TeamsActivities.PostAsync(_client, TeamsActivities.Personal(_fake.ServiceUrl, "niveau"));
        var card = Assert.Single(await _fake.WaitForAnswersAsync(1));
        var cardId = card.ReturnedId!;

        var click = TeamsActivities.Submit(_fake.ServiceUrl, new JsonObject { [SubmitData.TextKey] = "fort", [SubmitData.PromptKey] = "p-niveau" }, replyToId: cardId);
        await TeamsActivities.PostAsync(_client, click);
        var calls = await _fake.WaitForMessagesAsync(3);

        var update = Assert.Single(calls, c => c.Method == "PUT");
        Assert.Equal($"/connector/v3/conversations/a%3Apersonal-alice/activities/{cardId}", update.RawPath);
        var content = update.Body!["attachments"]![0]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        Assert.Contains("Votre réponse", content);
        Assert.Contains("Fort", content);
        Assert.DoesNotContain("Action.Submit", content);
        Assert.Equal("Noté : fort", (string?)calls.Last(c => c.Method == "POST").Body!["text"]);
        // A second click on the old card changes nothing more.
        await TeamsActivities.PostAsync(_client, TeamsActivities.Submit(_fake.ServiceUrl, new JsonObject { [SubmitData.TextKey] = "faible", [SubmitData.PromptKey] = "p-niveau" }, replyToId: cardId));
        await Task.Delay(800);
        Assert.Single(_fake.Calls, c => c.Method == "PUT");
    }
}
