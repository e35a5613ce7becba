using Communaute.Bot.Delivery;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Bot.Tests.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// A turn is one unit of work on Slack: the process dies after the turn's effects are written and before they commit;
/// a new process on the same database answers exactly once.
/// </summary>
public sealed class SlackTurnCrashTests : IAsyncLifetime
{
    private const string User = "U7";
    private const string Dm = "D7";
    private readonly CrashingTurns _crash = new();
    private SlackTestHost _t = null!;
    private int _ts;

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InitializeAsync() => _t = await SlackTestHost.StartAsync(services: s => s.AddSingleton<ITurnCrashPoint>(_crash));
    public async Task DisposeAsync() => await _t.DisposeAsync();

    /// <summary>What the member read in their DM, as text.</summary>
    private List<string> Read() => _t.Slack.Calls
        .Where(c => c.Method == "chat.postMessage" && c.Str("channel") == Dm)
        .Select(c => c.Str("text") + "\n" + c.Blocks.ToJsonString(Readable)).ToList();

    private async Task<string> SayAsync(string text)
    {
        var ts = $"1795000000.{Interlocked.Increment(ref _ts):D6}";
        var response = await _t.PostEventAsync(SlackTestHost.Envelope(_t.NextEventId(), SlackTestHost.DirectMessage(User, Dm, text, ts)));
        response.EnsureSuccessStatusCode();
        return ts;
    }

    private async Task SaidAsync(int count)
    {
        await _t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == Dm, count, settleMs: 100);
        await _t.Host.WaitUntilIdleAsync();
    }

    private async Task SayAndCrashAsync(string text)
    {
        var ts = $"1795000000.{_ts + 1:D6}";
        _crash.BeforeCommitOf(i => i.PayloadJson.Contains(ts, StringComparison.Ordinal));
        await SayAsync(text);
        await _crash.WaitDeadAsync();
        await _t.RestartAsync();
        await _t.Host.WaitUntilIdleAsync();
        await Task.Delay(300);
    }

    private static void Once(List<string> read, string fragment) =>
        Assert.True(read.Count(r => r.Contains(fragment, StringComparison.Ordinal)) == 1,
            $"« {fragment} » devait être lu une fois :\n{string.Join("\n", read)}");

    [Fact]
    public async Task A_booking_whose_process_died_before_its_commit_is_confirmed_once_after_the_restart()
    {
        var id = await new TestChat(_t.Host, "facilitator", "Fanny").CreateSessionAsync(_t.Host);

        await SayAndCrashAsync($"réserver {id}");

        var read = Read();
        Once(read, "votre place est réservée");
        Assert.DoesNotContain(read, r => r.Contains("déjà", StringComparison.Ordinal));
        Assert.Single(await _t.Host.BookingsAsync(id));
    }

    [Fact]
    public async Task A_questionnaire_answer_whose_process_died_before_its_commit_gets_the_next_question_once()
    {
        await SayAsync("caractériser mon projet");
        await SaidAsync(1);
        await SayAsync("commencer");
        await SaidAsync(2);

        await SayAndCrashAsync("Des personnes âgées isolées en zone rurale, mal couvertes.");

        var read = Read();
        Assert.Equal(3, read.Count);
        Assert.Contains("nouveau", read[2]);
    }

    [Fact]
    public async Task An_erasure_whose_process_died_before_its_commit_is_confirmed_once_after_the_restart()
    {
        await SayAsync("supprimer mes données");
        await SaidAsync(1);

        await SayAndCrashAsync("Oui, tout supprimer");

        var read = Read();
        Assert.Equal(2, read.Count);
        Once(read, "Vos données sont supprimées");
        Assert.Equal(0, await _t.Host.DbAsync(db => db.Members.CountAsync(m => m.Channel == "slack")));
    }
}
