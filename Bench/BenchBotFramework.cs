using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// The Teams side of the benchmarks: the bot started in this process against the shared <see cref="FakeBotFramework"/>
/// (its OpenID metadata, keys and Bot Connector), and Teams-shaped activities posted to it.
/// </summary>
public static class BenchBotFramework
{
    /// <summary>Posts a Teams-shaped activity from member <paramref name="user"/> in their 1:1, with the token; true on 2xx.</summary>
    public static async Task<bool> PostActivityAsync(HttpClient client, string token, string serviceUrl, string id, int user, string text,
        CancellationToken ct, string type = "message")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = $"29:bench-user-{user}", ["name"] = $"Membre {user}" },
            ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "Communauté" },
            ["conversation"] = new JsonObject { ["id"] = $"a:bench-{user}", ["conversationType"] = "personal", ["tenantId"] = "bench" },
            ["text"] = text,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The bot, listening on 127.0.0.1, its SQLite database in <paramref name="folder"/>, authenticating with this stand-in.</summary>
    public static async Task<WebApplication> StartBotAsync(string folder, FakeBotFramework fake, CancellationToken ct)
    {
        var builder = Hosting.BotApp.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "bench.db")}",
            "--Knowledge:WatchForChanges=false",
            $"--Teams:AppId={FakeBotFramework.AppId}",
            "--Teams:AppPassword=bench",
            $"--Teams:OpenIdMetadataUrl={fake.MetadataUrl}",
            "--Teams:ServiceUrlHosts:0=127.0.0.1",
            "--Teams:MinIntervalPerConversation=00:00:00",
            "--Delivery:Scheduler:Enabled=false",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Communaute=Warning",
            .. Environment.GetEnvironmentVariable("BENCH_TEAMS_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        ], logToStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Channels.Teams.IBotTokenSource>(new StaticToken());
        var bot = await Hosting.BotApp.BuildAsync(builder);
        await bot.StartAsync(ct);
        return bot;
    }

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>The bot's own token, without an authority to ask.</summary>
    public sealed class StaticToken : Channels.Teams.IBotTokenSource
    {
        public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>("bench-token");
    }
}
