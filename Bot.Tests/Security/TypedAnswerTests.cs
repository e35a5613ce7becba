using System.Net;
using Communaute.Bot.Dialogs;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.13: typed answers are as idempotent as clicks.</summary>
public sealed class TypedAnswerTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Fifty_concurrent_typed_answers_to_the_question_on_screen_advance_one_step()
    {
        var alice = new TestChat(_host);
        var first = await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        var shown = first.Replies.Last(r => r.Card?.PromptId is not null).Card!.PromptId;

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _host.Turns.HandleAsync(new IncomingTurn
        {
            Channel = "test", ConversationId = "conv-alice", UserId = "alice", Text = "fort", ShownPromptId = shown,
        })));

        // One moves on to question 2; the 49 others are told they answered a question already answered (and see question 2).
        Assert.Equal(1, replies.Count(r => !Said(r).Contains("déjà répondu")));
        Assert.All(replies, r => Assert.Contains("2/12", Said(r)));
        Assert.Equal("c:richesse-collectif", (await StateAsync("alice")).StepId);
    }

    [Fact]
    public async Task The_same_message_delivered_fifty_times_over_http_advances_one_step()
    {
        await using var connector = await FakeBotFramework.StartAsync();
        using var client = _host.CreateClient();
        var bob = new TeamsMember(client, connector, "29:bob", "Bob", host: _host);
        await bob.Says("caractériser mon projet");
        await bob.Says("", new System.Text.Json.Nodes.JsonObject { ["__text"] = "commencer", ["__prompt"] = await PromptAsync("29:bob") });
        await bob.Says(CharacterisationPath.Need);
        await bob.Says(CharacterisationPath.Answer);
        Assert.Contains("1/12", await bob.Says(CharacterisationPath.Change));

        // A channel (or a proxy) delivering one typed message again and again, all at once.
        var activity = bob.Activity("fort", id: "msg-fort-1");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => (await TeamsActivities.PostAsync(client, activity)).StatusCode));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Accepted));
        await _host.WaitUntilIdleAsync();
        Assert.Equal("c:richesse-collectif", (await StateAsync("29:bob")).StepId);
    }

    [Fact]
    public async Task A_repeated_message_id_is_ignored_and_a_typed_answer_to_an_old_question_is_not_applied_to_the_next()
    {
        var carol = new TestChat(_host, "carol");
        var first = await CharacterisationPath.StartAndAnswerKeyQuestions(carol);
        var shown = first.Replies.Last(r => r.Card?.PromptId is not null).Card!.PromptId;
        Task<IReadOnlyList<Communaute.Dialogs.Replies.Reply>> Typed(string text, string? id, string? seen) => _host.Turns.HandleAsync(new IncomingTurn
        {
            Channel = "test", ConversationId = "conv-carol", UserId = "carol", Text = text, MessageId = id, ShownPromptId = seen,
        });

        var once = Said(await Typed("fort", "m-1", shown));
        Assert.Contains("2/12", once);
        Assert.Equal(once, Said(await Typed("fort", "m-1", shown)));               // the same message again: the same answer, applied once
        Assert.Contains("déjà répondu", Said(await Typed("faible", "m-2", shown))); // typed while question 1 was shown
        Assert.Equal("c:richesse-collectif", (await StateAsync("carol")).StepId);
        Assert.Contains("3/12", Said(await Typed("faible", "m-3", null)));          // a channel that says nothing: as before
    }

    private static string Said(IReadOnlyList<Communaute.Dialogs.Replies.Reply> replies) => new BotSaid(replies).Text;

    private async Task<DialogState> StateAsync(string user)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storage.BotDbContext>();
        var memberId = await db.Members.Where(m => m.ChannelUserId == user).Select(m => m.Id).SingleAsync();
        return DialogStateJson.TryRead((await db.Set<DialogStateRecord>().SingleAsync(s => s.MemberId == memberId)).StateJson)!;
    }

    private async Task<string> PromptAsync(string user) => (await StateAsync(user)).PromptId;
}
