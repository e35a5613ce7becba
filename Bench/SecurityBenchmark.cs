using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Hostile traffic, measured: thousands of generated requests across every endpoint (no 5xx expected), then a flood of
/// forged Teams tokens (all refused with 401, how many per second) and the process memory after it.
/// Prints exactly <c>fuzz: N requests, 0 5xx, 0 unanswered</c>, <c>forged auth: N requests, all 401</c>, <c>memory after flood: X MB</c>.
/// </summary>
public sealed class SecurityBenchmark : IBenchmark
{
    private const string SlackSecret = "bench-signing-secret";
    private const int FuzzRequests = 6000;
    private const int Concurrency = 16;
    private static readonly TimeSpan FloodDuration = TimeSpan.FromSeconds(10);

    public string Name => "security";
    public string Description => "requêtes hostiles sur tous les points d'entrée, jetons Teams forgés, mémoire après l'afflux";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var teams = await FakeBotFramework.StartAsync();
        slack.KeepCalls = teams.KeepCalls = false;

        // Every endpoint, Teams without authentication so that its parsing is reached too.
        await using (var bot = await StartAsync([$"--Slack:ApiBaseUrl={slack.BaseUrl}"], cancellationToken))
        {
            using var client = Client(bot.Address);
            var generator = new HostileRequests(20261130, SlackSecret, teams.ServiceUrl, () => DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var fuzz = await FuzzRun.RunAsync(client, generator, FuzzRequests, Concurrency, cancellationToken);
            // Unanswered: requests the server dropped without a status, and received messages that ended parked (the
            // member got no reply) once the inbox is drained.
            var parked = await ParkedAfterDrainAsync(bot.App.Services, TimeSpan.FromSeconds(90), cancellationToken);
            report.Line(string.Create(CultureInfo.InvariantCulture, $"fuzz: {fuzz.Requests} requests, {fuzz.ServerErrors} 5xx, {fuzz.Failures + parked.Parked} unanswered"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  sans réponse HTTP : {fuzz.Failures} ; messages reçus mis de côté : {parked.Parked} ; encore en attente après 90 s : {parked.Pending}"));
            report.Line("  statuts : " + string.Join(", ", fuzz.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
            foreach (var example in fuzz.Examples.Take(5)) report.Line("  5xx : " + example);
            var alive = await client.GetAsync("healthz", cancellationToken);
            report.Line($"  processus vivant après le fuzz : {(alive.IsSuccessStatusCode ? "oui" : "NON")}");
        }

        // Teams with authentication: forged tokens of every kind, as fast as they come.
        await using (var bot = await StartAsync([$"--Slack:ApiBaseUrl={slack.BaseUrl}", $"--Teams:AppId={FakeBotFramework.AppId}", "--Teams:AppPassword=bench", $"--Teams:OpenIdMetadataUrl={teams.MetadataUrl}"], cancellationToken))
        {
            using var client = Client(bot.Address);
            var tokens = ForgedTokens(teams);
            var body = new JsonObject
            {
                ["type"] = "message", ["id"] = "forged", ["channelId"] = "msteams", ["serviceUrl"] = teams.ServiceUrl, ["text"] = "aide",
                ["from"] = new JsonObject { ["id"] = "29:attacker" }, ["recipient"] = new JsonObject { ["id"] = "28:bot" },
                ["conversation"] = new JsonObject { ["id"] = "a:attacker" },
            }.ToJsonString();
            await FloodAsync(client, tokens, body, TimeSpan.FromSeconds(2), cancellationToken); // warm-up: JIT, metadata
            var memoryBefore = Memory();
            var (requests, unauthorized, seconds) = await FloodAsync(client, tokens, body, FloodDuration, cancellationToken);
            var memoryAfter = Memory();
            var verdict = unauthorized == requests ? "all 401" : $"{requests - unauthorized} not 401";
            report.Line(string.Create(CultureInfo.InvariantCulture, $"forged auth: {requests} requests, {verdict}"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"memory after flood: {memoryAfter:F0} MB"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  {requests / seconds:F0} requêtes/s ; mémoire avant l'afflux : {memoryBefore:F0} Mo ; {Concurrency} clients, {tokens.Length} sortes de jetons forgés, {Environment.ProcessorCount} cœurs"));
        }
    }

    /// <summary>Waits until no received message is pending (or the timeout), then counts those parked without an answer.</summary>
    private static async Task<(int Parked, int Pending)> ParkedAfterDrainAsync(IServiceProvider services, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Storage.BotDbContext>();
            var pending = await db.Set<Delivery.InboxItem>().CountAsync(i => i.State == Delivery.InboxState.Pending, ct);
            if (pending == 0 || DateTime.UtcNow > until)
                return (await db.Set<Delivery.InboxItem>().CountAsync(i => i.State == Delivery.InboxState.Failed, ct), pending);
            await Task.Delay(250, ct);
        }
    }

    private sealed record Bot(WebApplication App, string Address, DirectoryInfo Data) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Data.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<Bot> StartAsync(string[] extra, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("communaute-bench-security-");
        var builder = BotApp.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:ConnectionString=Data Source={Path.Combine(data.FullName, "bench.db")}",
            "--Knowledge:WatchForChanges=false",
            $"--Slack:SigningSecret={SlackSecret}",
            "--Slack:BotToken=xoxb-bench",
            "--Slack:BotUserId=UBOT",
            "--Slack:MinIntervalPerChannelMs=0",
            "--Teams:MaxRetries=1",
            "--Teams:RetryBaseDelay=00:00:00.010",
            "--environment=Production",
            "--Serilog:MinimumLevel:Override:Communaute=Error",
            .. extra,
        ], logToStandardError: true);
        var app = await BotApp.BuildAsync(builder);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Bot(app, address, data);
    }

    private static HttpClient Client(string address) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, UseCookies = false }) { BaseAddress = new Uri(address + "/") };

    private static async Task<(int Requests, int Unauthorized, double Seconds)> FloodAsync(HttpClient client, string[] tokens, string body, TimeSpan duration, CancellationToken ct)
    {
        var requests = 0;
        var unauthorized = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(w => Task.Run(async () =>
        {
            for (var i = w; clock.Elapsed < duration; i += Concurrency)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Authorization", tokens[i % tokens.Length]);
                using var response = await client.SendAsync(request, ct);
                Interlocked.Increment(ref requests);
                if (response.StatusCode == HttpStatusCode.Unauthorized) Interlocked.Increment(ref unauthorized);
            }
        }, ct)));
        return (requests, unauthorized, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Tokens an attacker can make: garbage, "a.b.c", unsigned, signed with their own key, expired, for another audience.</summary>
    private static string[] ForgedTokens(FakeBotFramework teams)
    {
        using var attacker = RSA.Create(2048);
        var now = DateTime.UtcNow;
        return
        [
            "Bearer a.b.c", "Bearer garbage", "Basic YWRtaW46YWRtaW4=", "", "Bearer " + teams.UnsignedToken(),
            "Bearer " + teams.Token(key: attacker), "Bearer " + teams.Token(notBefore: now.AddHours(-3), expires: now.AddHours(-1)),
            "Bearer " + teams.Token(audience: "another-bot"),
        ];
    }

    private static double Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
