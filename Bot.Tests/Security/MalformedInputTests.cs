using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Bot.Tests.Teams;
using Communaute.Bot.Tests.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Security;

/// <summary>
/// Issue 20 (1, 5): Unicode non-characters are cleaned before anything else and answered on every surface; a JSON body
/// with a key given twice is a 400 with a French reason, never a 500; an id with a trailing line break is refused.
/// </summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string, string> NonCharacters => new()
    {
        { "aide \uFFFE", "aide" },
        { "a\uFFFFb", "ab" },
        { "a\uFDD0b\uFDEFc", "abc" },
        { "x" + char.ConvertFromUtf32(0x1FFFE) + "y" + char.ConvertFromUtf32(0x10FFFF), "xy" },
        { char.ConvertFromUtf32(0x2FFFF) + "é🤝" + char.ConvertFromUtf32(0xEFFFE), "é🤝" },
        { "\uFFFE\ud800\uFFFF", "\uFFFD" },
        { "e\u0301\uFFFE", "é" },
    };

    [Theory]
    [MemberData(nameof(NonCharacters))]
    public void Every_non_character_is_removed_in_every_plane_and_cleaning_never_throws(string raw, string expected)
    {
        var (text, _) = InputText.Clean(raw);
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Cleaning_never_throws_on_any_single_code_unit_or_code_point()
    {
        for (var c = 0; c <= 0xFFFF; c++) InputText.Clean("a" + (char)c + "b");
        for (var plane = 0; plane <= 16; plane++)
        {
            string At(int low) => char.ConvertFromUtf32((plane << 16) | low);
            Assert.Equal("a" + At(0xFFFD) + "b", InputText.Clean("a" + At(0xFFFE) + At(0xFFFD) + At(0xFFFF) + "b").Text);
        }
    }

    [Fact]
    public async Task A_web_chat_text_with_non_characters_is_answered_not_a_500()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var visitor = Visitor.Of(host);
        await visitor.Open();
        foreach (var text in new[] { "aide\uFFFE", "aide \uFFFF", "\uFDD0aide", "aide" + char.ConvertFromUtf32(0x1FFFE) })
        {
            var answer = await visitor.Says(text);
            Assert.Contains("Ce que je sais faire", answer.ToJsonString());
        }
    }

    [Fact]
    public async Task A_teams_message_with_U_FFFE_is_answered_once()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), listen: true);
        using var client = host.CreateClient();

        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(fake.ServiceUrl, "aide \uFFFE", id: "msg-fffe"));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var answers = await fake.WaitForAnswersAsync(1);
        Assert.Contains("Ce que je sais faire", Assert.Single(answers).Body!.ToJsonString());
    }

    [Fact]
    public async Task A_slack_message_with_U_FFFE_is_answered_once()
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "ping\uFFFE", "1800000000.000100")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage");
        Assert.Contains("pong", Assert.Single(posted).AllText);
    }

    [Theory]
    [InlineData("""{"messageId":"m1","text":"aide","text":"supprimer mes données"}""")]
    [InlineData("""{"messageId":"m1","messageId":"m2","text":"aide"}""")]
    [InlineData("""{"messageId":"m1","value":{"__text":"aide","__text":"oui"}}""")]
    public async Task A_web_chat_body_with_a_key_given_twice_gets_400_in_french_and_no_error_logged(string body)
    {
        using var log = new LogFile();
        await using var host = await BotTestHost.StartAsync(log.Settings(), listen: true);
        using var visitor = Visitor.Of(host);
        await visitor.Open();

        var response = await visitor.Http.PostAsync("api/webchat/turns", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("une seule fois", await response.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Equal("", log.Errors());
    }

    [Fact]
    public async Task A_teams_activity_with_a_key_given_twice_gets_400_and_no_error_logged()
    {
        using var log = new LogFile();
        await using var fake = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(log.Settings(TeamsDeliveryTests.Settings()), listen: true);
        using var client = host.CreateClient();
        var activity = TeamsActivities.Personal(fake.ServiceUrl, "aide", id: "msg-dup").ToJsonString();
        var duplicated = activity.Replace("\"text\":\"aide\"", "\"text\":\"aide\",\"text\":\"supprimer mes données\"");
        var nested = activity.Replace("\"from\":{", "\"from\":{\"id\":\"29:other\",");
        Assert.NotEqual(activity, duplicated);
        Assert.NotEqual(activity, nested);

        foreach (var body in new[] { duplicated, nested })
        {
            var response = await TeamsActivities.PostRawAsync(client, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("une seule fois", await response.Content.ReadAsStringAsync());
        }
        await Task.Delay(300);
        Assert.Equal("", log.Errors());
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task A_web_chat_message_id_with_a_trailing_line_break_is_refused_and_not_stored()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var visitor = Visitor.Of(host);
        await visitor.Open();

        var response = await visitor.Http.PostAsync("api/webchat/turns",
            new StringContent("""{"messageId":"abc\n","text":"aide"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        Assert.Equal(0, await db.Set<Communaute.Bot.WebChat.WebChatMessage>().CountAsync(m => m.From == Communaute.Bot.WebChat.WebChatSender.Member));
    }

    [Theory]
    [InlineData("29:user\n", "a:personal-nl")]
    [InlineData("29:user-nl", "a:personal\n")]
    public async Task A_teams_id_with_a_trailing_line_break_is_refused_before_the_inbox(string from, string conversation)
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), listen: true);
        using var client = host.CreateClient();

        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(fake.ServiceUrl, "aide", user: from, conversation: conversation, id: "msg-nl"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(300);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        Assert.Equal(0, await db.Members.CountAsync());
        Assert.Equal(0, await db.Set<Communaute.Bot.Delivery.InboxItem>().CountAsync());
    }

    [Fact]
    public async Task Slack_user_and_channel_ids_with_a_trailing_line_break_are_never_stored()
    {
        await using var t = await SlackTestHost.StartAsync();

        var events = new[]
        {
            SlackTestHost.DirectMessage("UNL2\n", "DNL1", "ping", "1800000000.000201"),
            SlackTestHost.DirectMessage("UNL2", "DNL1\n", "ping", "1800000000.000202"),
        };
        foreach (var ev in events) Assert.Equal(HttpStatusCode.OK, (await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), ev))).StatusCode);
        var command = await t.PostCommandAsync(SlackTestHost.Command("aide", user: "UNL2\n", channel: "CNL1"));
        var commandChannel = await t.PostCommandAsync(SlackTestHost.Command("aide", user: "UNL2", channel: "CNL1\n"));
        var click = await t.PostInteractionAsync(new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "UNL2\n" }, ["channel"] = new JsonObject { ["id"] = "CNL1" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "choice_0", ["value"] = "aide" }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, command.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, commandChannel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, click.StatusCode);
        Assert.Empty(await t.InboxAsync());
        await using var scope = t.Host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.CountAsync());
    }
}
