using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// A local stand-in for the Bot Framework for the benchmarks: OpenID metadata with an RSA key generated here, tokens
/// it signs, and a Bot Connector that reports each call's path (after /connector/) and answers 201.
/// </summary>
public static class BenchBotFramework
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";

    public static async Task<WebApplication> StartAsync(RSA rsa, Action<string> onConnectorCall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var p = rsa.ExportParameters(false);
        var keys = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = "bench",
                ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        }.ToJsonString();
        app.MapGet("/openid", (HttpContext http) => Results.Json(new
        {
            issuer = "https://api.botframework.com",
            jwks_uri = $"{http.Request.Scheme}://{http.Request.Host}/keys",
        }));
        app.MapGet("/keys", () => Results.Text(keys, "application/json"));
        var ids = 0;
        app.Map("/connector/{**rest}", async (HttpContext http, string rest) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            onConnectorCall(rest);
            http.Response.StatusCode = 201;
            await http.Response.WriteAsync($"{{\"id\":\"{Interlocked.Increment(ref ids)}\"}}");
        });
        await app.StartAsync();
        return app;
    }

    public static string Token(RSA rsa, string serviceUrl) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://api.botframework.com",
        Audience = AppId,
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "bench" }, SecurityAlgorithms.RsaSha256),
    });

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
    public static async Task<WebApplication> StartBotAsync(string folder, string fakeUrl, CancellationToken ct)
    {
        var builder = Hosting.BotApp.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "bench.db")}",
            "--Knowledge:WatchForChanges=false",
            $"--Teams:AppId={AppId}",
            "--Teams:AppPassword=bench",
            $"--Teams:OpenIdMetadataUrl={fakeUrl}/openid",
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
