using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Bot.Tests.WebChat;

namespace Communaute.Bot.Tests.Operations;

/// <summary>
/// Issue 20.7: the operators' view — Prometheus text on a non-public /metrics, /healthz and /readyz. Run alone:
/// OpenTelemetry listens to meters by name in the whole process, so another test host's gauges would be read
/// beside this one's.
/// </summary>
[Collection(MetricsAlone.Name)]
public sealed partial class MetricsTests
{
    [Fact]
    public async Task After_a_few_turns_the_prometheus_text_has_every_meter_with_a_plausible_value()
    {
        await using var host = await SessionsHost.StartAsync(listen: true);
        var facilitator = new TestChat(host, "facilitator", "Fanny");
        var sessionId = await facilitator.CreateSessionAsync(host);
        (await new TestChat(host, "alice", "Alice").Says($"réserver {sessionId}")).Answers("votre place est réservée");
        await new TestChat(host, "bruno", "Bruno").Says("Qu'est-ce que le FISO ?");
        using var visitor = Visitor.Of(host);
        await visitor.Says("aide");
        using var http = host.CreateClient();

        var response = await http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(Value(text, "communaute_turn_duration_milliseconds_count", "feature=\"KnowledgeFeature\"") >= 1, text);
        Assert.True(Value(text, "communaute_turn_duration_milliseconds_sum", "channel=\"webchat\"") > 0, text);
        Assert.Contains(1d, Values(text, "communaute_sessions_bookings", "status=\"confirmed\""));
        Assert.Contains(0d, Values(text, "communaute_sessions_bookings", "status=\"waitlisted\""));
        Assert.Contains(0d, Values(text, "communaute_inbox_depth"));
        Assert.Contains(0d, Values(text, "communaute_inbox_oldest_age_seconds"));
        Assert.Contains(0d, Values(text, "communaute_outbox_due", "channel=\"msteams\""));
        Assert.Contains(0d, Values(text, "communaute_outbox_lag_seconds", "channel=\"slack\""));
        Assert.Contains(0d, Values(text, "communaute_failures", "kind=\"inbox_parked\""));
        Assert.Contains(0d, Values(text, "communaute_failures", "kind=\"outbox_TargetGone\""));
        Assert.Contains(0d, Values(text, "communaute_sessions_reminders_sent", "label=\"total\""));
        Assert.Contains(0d, Values(text, "communaute_digest_postings", "status=\"sent\""));
        // ASP.NET Core's own meter too.
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task Metrics_are_not_served_to_a_forwarded_client_or_on_the_public_port_when_they_have_their_own()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var http = host.CreateClient();
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "metrics");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.5");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(forwarded)).StatusCode);

        var port = FreePort();
        await using var separate = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Operations:MetricsPort"] = port.ToString() }, listen: true);
        using var main = separate.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await main.GetAsync("metrics")).StatusCode);
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        Assert.Contains("communaute_inbox_depth", await metrics.GetStringAsync("metrics"));
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task Healthz_and_readyz_answer_quickly_with_each_check()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        using var http = host.CreateClient();
        Assert.Equal("ok", await http.GetStringAsync("healthz"));
        await http.GetAsync("readyz");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await http.GetAsync("readyz");
        var wall = started.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", body["status"]!.GetValue<string>());
        Assert.Equal("ok", body["checks"]!["database"]!.GetValue<string>());
        Assert.Equal("ok", body["checks"]!["migrations"]!.GetValue<string>());
        Assert.Equal("ok", body["checks"]!["knowledge"]!.GetValue<string>());
        Assert.Equal("désactivé", body["checks"]!["quartz"]!.GetValue<string>());
        Assert.True(body["elapsedMs"]!.GetValue<double>() < 50, body.ToJsonString());
        Assert.True(wall < TimeSpan.FromMilliseconds(500), $"{wall.TotalMilliseconds} ms");
    }

    private static double Value(string text, string name, string? label = null) => Values(text, name, label).Max();

    /// <summary>
    /// Every sample of the series: OpenTelemetry listens to meters by name, so test hosts running side by side in this
    /// process each add theirs (one bot per process in production).
    /// </summary>
    private static List<double> Values(string text, string name, string? label = null)
    {
        var values = new List<double>();
        foreach (var line in text.Split('\n'))
        {
            var m = SampleLine().Match(line);
            if (!m.Success || m.Groups["name"].Value != name) continue;
            if (label is not null && !m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)) continue;
            values.Add(double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return values.Count > 0 ? values : throw new Xunit.Sdk.XunitException($"{name} {label} absent :\n{text}");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[^ ]+)")]
    private static partial Regex SampleLine();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsAlone
{
    public const string Name = "métriques, seules";
}
