using System.Net;
using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// A turn is one unit of work on Teams: the process dies after the turn's effects are written and before they commit,
/// or after the commit and before the reply is sent; a new process on the same database answers exactly once.
/// </summary>
public sealed class TeamsTurnCrashTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private readonly CrashingTurns _crash = new();
    private BotTestHost _host = null!;

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), s => s.AddSingleton<ITurnCrashPoint>(_crash), listen: true);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    /// <summary>Everything the member read in their conversation (welcome aside), as text.</summary>
    private List<string> Read() => _fake.Answers.Select(c => c.Body?.ToJsonString(Readable) ?? "").ToList();

    private async Task SayAsync(string text, string id, JsonObject? value = null)
    {
        var activity = TeamsActivities.Personal(_fake.ServiceUrl, text, id: id);
        if (value is not null) activity["value"] = value;
        using var client = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await TeamsActivities.PostAsync(client, activity)).StatusCode);
    }

    /// <summary>Says it, lets the process die at the chosen point, starts a new one on the same database and waits until it is idle.</summary>
    private async Task SayAndCrashAsync(string text, string id)
    {
        await SayAsync(text, id);
        await _crash.WaitDeadAsync();
        _host = await _host.RestartAsync(TeamsDeliveryTests.Settings(), listen: true);
        await _host.WaitUntilIdleAsync();
        await Task.Delay(300);
    }

    private async Task SaidAsync(int count)
    {
        await _fake.WaitForAnswersAsync(count, settleMs: 100);
        await _host.WaitUntilIdleAsync();
    }

    private static void Once(List<string> read, string fragment) =>
        Assert.True(read.Count(r => r.Contains(fragment, StringComparison.Ordinal)) == 1,
            $"« {fragment} » devait être lu une fois :\n{string.Join("\n", read)}");

    private async Task<long> SessionAsync() => await new TestChat(_host, "facilitator", "Fanny").CreateSessionAsync(_host);

    [Fact]
    public async Task A_booking_whose_process_died_before_its_commit_is_confirmed_once_after_the_restart()
    {
        var id = await SessionAsync();
        _crash.BeforeCommitOf(i => i.DedupeKey?.Contains("msg-book") == true);

        await SayAndCrashAsync($"réserver {id}", "msg-book");

        var read = Read();
        Once(read, "votre place est réservée");
        Assert.DoesNotContain(read, r => r.Contains("déjà", StringComparison.Ordinal));
        Assert.Single(await _host.BookingsAsync(id));
    }

    [Fact]
    public async Task A_booking_whose_process_died_before_sending_is_confirmed_once_after_the_restart()
    {
        var id = await SessionAsync();
        _crash.BeforeSendOf(o => o.Channel == "msteams" && ReplyJson.Deserialize(o.PayloadJson)?.Text?.Contains("votre place est réservée") == true);

        await SayAndCrashAsync($"réserver {id}", "msg-book");

        var read = Read();
        Once(read, "votre place est réservée");
        Assert.DoesNotContain(read, r => r.Contains("déjà", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_questionnaire_answer_whose_process_died_before_its_commit_gets_the_next_question_once()
    {
        await SayAsync("caractériser mon projet", "msg-start");
        await SaidAsync(1);
        await SayAsync("commencer", "msg-go");
        await SaidAsync(2);
        Assert.Contains("Quel besoin social", Read()[^1]);
        _crash.BeforeCommitOf(i => i.DedupeKey?.Contains("msg-need") == true);

        await SayAndCrashAsync("Des personnes âgées isolées en zone rurale, mal couvertes.", "msg-need");

        var read = Read();
        Assert.Equal(3, read.Count);
        Assert.Contains("nouveau", read[2]);
    }

    [Fact]
    public async Task An_erasure_whose_process_died_before_its_commit_is_confirmed_once_after_the_restart()
    {
        await SayAsync("supprimer mes données", "msg-erase");
        await SaidAsync(1);
        _crash.BeforeCommitOf(i => i.DedupeKey?.Contains("msg-yes") == true);

        await SayAndCrashAsync("Oui, tout supprimer", "msg-yes");

        var read = Read();
        Assert.Equal(2, read.Count);
        Once(read, "Vos données sont supprimées");
        Assert.Equal(0, await _host.DbAsync(db => db.Members.CountAsync(m => m.Channel == "msteams")));
    }

    [Fact]
    public async Task An_erasure_confirmed_by_a_card_action_answers_the_invoke_and_the_conversation()
    {
        await SayAsync("supprimer mes données", "msg-erase");
        await SaidAsync(1);

        var invoke = TeamsActivities.Personal(_fake.ServiceUrl, "", id: "msg-invoke");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "choice", ["data"] = new JsonObject { [SubmitData.TextKey] = "Oui, tout supprimer" } },
        };
        using var client = _host.CreateClient();
        var response = await TeamsActivities.PostAsync(client, invoke);

        Assert.Equal("C'est noté.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]);
        await SaidAsync(2);
        var read = Read();
        Assert.Equal(2, read.Count);
        Once(read, "Vos données sont supprimées");
    }
}
