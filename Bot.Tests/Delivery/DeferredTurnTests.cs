using System.Diagnostics;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Slack;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// On SQLite a turn takes the one writer at its first write, not at its start: while a turn reads and thinks, the
/// others write (an acknowledgement, an outbox update), and what the turn writes still commits with its replies.
/// </summary>
public sealed class DeferredTurnTests
{
    /// <summary>Stops on « réfléchir » before writing anything, until the test lets it go on; then writes and answers.</summary>
    private sealed class ThinkingFeature : ITurnFeature
    {
        public static readonly TaskCompletionSource Reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public static readonly TaskCompletionSource GoOn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Order => -2000;

        public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            if (context.Text != "réfléchir") return false;
            Reached.TrySetResult();
            await GoOn.Task.WaitAsync(cancellationToken);
            context.Say("réfléchi");
            return true;
        }
    }

    [Fact]
    public async Task Another_write_goes_through_while_a_turn_is_still_reading_and_the_turn_commits_with_its_reply()
    {
        await using var t = await SlackTestHost.StartAsync(services: s => s.AddFeature<ThinkingFeature>());
        // The member is known already (a first message stores them: a write at the turn's start).
        await t.PostEventAsync(SlackTestHost.Envelope("EvKnown", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000000")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D1", settleMs: 0);
        await t.Host.WaitUntilIdleAsync();
        await t.PostEventAsync(SlackTestHost.Envelope("EvThink", SlackTestHost.DirectMessage("U1", "D1", "réfléchir", "1795000000.000001")));
        await ThinkingFeature.Reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // Let the turn go on after 3 s whatever happens: a writer held since the turn's start would make the write below wait that long.
        _ = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => ThinkingFeature.GoOn.TrySetResult());

        var watch = Stopwatch.StartNew();
        await using (var scope = t.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Inbox" SET "Attempts" = "Attempts" WHERE "Id" < 0""");
        }
        var waited = watch.Elapsed;
        Assert.False(ThinkingFeature.GoOn.Task.IsCompleted, "le tour a été libéré avant la fin de l'écriture");
        Assert.True(waited < TimeSpan.FromSeconds(1), $"l'écriture a attendu {waited.TotalMilliseconds:F0} ms derrière le tour");

        var replies = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D1" && c.AllText.Contains("réfléchi"), seconds: 30);
        Assert.Single(replies);
    }
}
