using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Communaute.Bot.Delivery;
using Communaute.Bot.Operations;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Operations;

/// <summary>Issue 20.5: one trace from the channel's HTTP request, through the inbox worker's turn, to the outbox send.</summary>
[Collection(MetricsAlone.Name)]
public sealed class TracingTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task A_teams_message_is_one_trace_from_the_request_to_the_reply_each_span_tagged_with_the_inbox_id()
    {
        // Other tests run beside this one: every span is collected, then only those of this message are looked at.
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is BotTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(), listen: true);
        using var client = host.CreateClient();

        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-traced"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _fake.WaitForAnswersAsync(1, settleMs: 200);

        long inboxId;
        using (var scope = host.Services.CreateScope())
            inboxId = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<InboxItem>()
                .Where(i => i.PayloadJson.Contains("msg-traced")).Select(i => i.Id).SingleAsync();
        var id = inboxId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool Tagged(Activity a) => a.GetTagItem(BotTracing.InboxIdTag)?.ToString() == id;

        // Inbox ids start at 1 in every test host's database: the trace that holds all three spans is this message's.
        Activity? request = null, turn = null, send = null;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (send is null && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            var trace = stopped.Where(Tagged).GroupBy(a => a.TraceId).FirstOrDefault(g =>
                g.Any(a => a.Source.Name == "Microsoft.AspNetCore") && g.Any(a => a.OperationName == "turn") && g.Any(a => a.OperationName == "outbox.send"));
            request = trace?.First(a => a.Source.Name == "Microsoft.AspNetCore");
            turn = trace?.First(a => a.OperationName == "turn");
            send = trace?.First(a => a.OperationName == "outbox.send");
        }

        Assert.NotNull(request);
        Assert.NotNull(turn);
        Assert.NotNull(send);
        Assert.Equal("msteams", turn.GetTagItem("communaute.channel"));
        Assert.Equal("HelpFeature", turn.GetTagItem("communaute.feature"));
        Assert.Equal(InboxWorker.TurnKey(inboxId), send.GetTagItem("communaute.outbox.key"));
    }
}
