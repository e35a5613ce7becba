using System.Diagnostics;
using System.Net;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// Teams through the inbox and the outbox: the activity is stored and acknowledged at once, a worker runs the turn,
/// the answer is delivered once whatever the connector does (redeliveries, errors, hangs, token failures).
/// </summary>
public sealed class TeamsDeliveryTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:ConnectorTimeout"] = "00:00:02",
            ["Delivery:RetryBaseDelay"] = "00:00:00",
            ["Delivery:PollInterval"] = "00:00:00.050",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task The_same_activity_delivered_twice_is_answered_once()
    {
        await using var host = await BotTestHost.StartAsync(Settings(), listen: true);
        using var client = host.CreateClient();
        var activity = TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-redelivered");

        var first = await TeamsActivities.PostAsync(client, activity);
        var second = await TeamsActivities.PostAsync(client, activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var answer = Assert.Single(await _fake.WaitForAnswersAsync(1, settleMs: 500));
        Assert.Equal("/connector/v3/conversations/a%3Apersonal-alice/activities/msg-redelivered", answer.RawPath);
    }

    [Fact]
    public async Task The_same_activity_delivered_to_two_hosts_on_one_database_is_answered_once()
    {
        await using var a = await BotTestHost.StartAsync(Settings(), listen: true);
        await using var b = await BotTestHost.StartAsync(Settings(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(a.DataDirectory, "bot.db")}",
        }), listen: true);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var activity = TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: $"msg-both-{i}", user: $"29:user-{i}", conversation: $"a:personal-{i}");
            var responses = await Task.WhenAll(TeamsActivities.PostAsync(clientA, activity), TeamsActivities.PostAsync(clientB, activity));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        var answers = await _fake.WaitForAnswersAsync(5, settleMs: 700);
        Assert.Equal(5, answers.Count);
        Assert.Equal(5, answers.Select(d => d.RawPath).Distinct().Count());
    }

    [Fact]
    public async Task A_connector_answering_500_then_200_gives_one_answer()
    {
        await using var host = await BotTestHost.StartAsync(Settings(), listen: true);
        using var client = host.CreateClient();
        _fake.Then(500);

        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-500"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _fake.WaitForAnswersAsync(1, settleMs: 400));
        // One call refused (500), then every message went through once.
        Assert.Equal(_fake.Delivered.Count + 1, _fake.Messages.Count);
    }

    [Fact]
    public async Task A_hung_connector_does_not_hold_the_inbound_request_and_the_answer_follows_when_it_recovers()
    {
        await using var host = await BotTestHost.StartAsync(Settings(), listen: true);
        using var client = host.CreateClient();
        // A first exchange warms the host up (a fresh process compiles its code paths on first use).
        await TeamsActivities.PostAsync(client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-warm"));
        await _fake.WaitForAnswersAsync(1);
        await host.WaitUntilIdleAsync();
        var delivered = _fake.Delivered.Count;
        _fake.Hang();

        var watch = Stopwatch.StartNew();
        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-hung"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"accusé de réception en {watch.ElapsedMilliseconds} ms");
        Assert.Equal(delivered, _fake.Delivered.Count);

        await Task.Delay(300);
        _fake.Release();
        for (var i = 0; i < 50 && _fake.Answers.Count < 2; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100);
        }
        Assert.Equal(2, (await _fake.WaitForAnswersAsync(2)).Count);
    }

    private sealed class FlakyTokenSource(int failures) : IBotTokenSource
    {
        private int _calls;
        public int Calls => _calls;

        public Task<string?> GetTokenAsync(CancellationToken ct) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new InvalidOperationException("AADSTS7000215: Invalid client secret provided.")
                : Task.FromResult<string?>("token-after-recovery");
    }

    [Fact]
    public async Task A_token_failure_is_retried_and_never_a_500()
    {
        var tokens = new FlakyTokenSource(failures: 2);
        await using var host = await BotTestHost.StartAsync(Settings(), s => s.AddSingleton<IBotTokenSource>(tokens), listen: true);
        using var client = host.CreateClient();

        var response = await TeamsActivities.PostAsync(client, TeamsActivities.Personal(_fake.ServiceUrl, "aide", id: "msg-token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.Single(await _fake.WaitForAnswersAsync(1));
        Assert.Equal("Bearer token-after-recovery", answer.Authorization);
        Assert.True(tokens.Calls >= 3);
    }
}
