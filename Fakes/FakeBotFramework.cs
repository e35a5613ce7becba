using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Communaute.Fakes;

/// <summary>A request the fake Bot Connector received.</summary>
public sealed record ConnectorCall(string Method, string RawPath, string? Authorization, JsonObject? Body)
{
    public DateTime At { get; } = DateTime.UtcNow;

    /// <summary>The id the fake answered with (a new activity's, a new conversation's).</summary>
    public string? ReturnedId { get; set; }

    /// <summary>The conversation of /connector/v3/conversations/{conversation}/…, unescaped (null when creating one).</summary>
    public string? Conversation => PathSegment(4);

    /// <summary>The activity of …/activities/{activity} (the one replied to, updated or deleted), unescaped.</summary>
    public string? ActivityId => PathSegment(5) == "activities" ? PathSegment(6) : null;

    private string? PathSegment(int index)
    {
        var segments = RawPath.Split('?')[0].Split('/');
        return index < segments.Length ? Uri.UnescapeDataString(segments[index]) : null;
    }
}

/// <summary>
/// Stands in for the outside Bot Framework services on 127.0.0.1: the Bot Connector (records every call, answers
/// what the test scripts), the OpenID metadata and its signing keys (RSA keys generated here), and the token issuer.
/// Shared by the tests and the benches (which count what they need in <see cref="CallReceived"/>).
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Issuer = "https://api.botframework.com";
    public const string MsTeamsKid = "key-msteams";
    public const string OtherChannelKid = "key-other";

    private WebApplication _app = null!;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _script = new();
    private int _activityCounter;

    public RSA TeamsKey { get; } = RSA.Create(2048);
    public RSA OtherKey { get; } = RSA.Create(2048);
    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    /// <summary>Raised for every connector call, once recorded, before it is answered.</summary>
    public event Action<ConnectorCall>? CallReceived;

    /// <summary>False: calls are only raised in <see cref="CallReceived"/>, not kept in <see cref="Calls"/> or <see cref="Delivered"/> (long benches).</summary>
    public bool KeepCalls { get; set; } = true;
    public string BaseUrl { get; private set; } = "";
    public string ServiceUrl => BaseUrl + "/connector";
    public string MetadataUrl => BaseUrl + "/openid/.well-known/openidconfiguration";
    public int MetadataRequests;

    private FakeBotFramework() { }

    public static async Task<FakeBotFramework> StartAsync()
    {
        var fake = new FakeBotFramework();
        (fake._app, fake.BaseUrl) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/openid/.well-known/openidconfiguration", () =>
            {
                Interlocked.Increment(ref fake.MetadataRequests);
                return Results.Json(new { issuer = Issuer, jwks_uri = fake.BaseUrl + "/openid/keys", id_token_signing_alg_values_supported = new[] { "RS256" } });
            });
            app.MapGet("/openid/keys", () => Results.Text(fake.Jwks(), "application/json"));
            app.Map("/connector/{**rest}", fake.ConnectorAsync);
        });
        return fake;
    }

    /// <summary>The next connector call gets this answer (instead of 201 with a new id).</summary>
    public void Then(int status, TimeSpan? retryAfter = null, TimeSpan? delay = null) => _script.Enqueue(async http =>
    {
        if (delay is { } d) await Task.Delay(d, http.RequestAborted);
        http.Response.StatusCode = status;
        if (retryAfter is { } r) http.Response.Headers.RetryAfter = ((int)r.TotalSeconds).ToString();
        await http.Response.WriteAsync("{\"error\":{\"code\":\"scripted\"}}");
        return true;
    });

    public List<ConnectorCall> Messages => Calls.Where(c => c.Body?["type"]?.GetValue<string>() != "typing").ToList();

    /// <summary>Non-typing calls the connector accepted (answered 2xx by its normal path): what a member would see.</summary>
    public ConcurrentQueue<ConnectorCall> Delivered { get; } = new();

    private TaskCompletionSource? _hold;
    private int _refuse;

    /// <summary>From now on every connector call is answered with this status (a connector down), until <see cref="Accept"/>.</summary>
    public void Refuse(int status) => _refuse = status;

    public void Accept() => _refuse = 0;

    /// <summary>From now on every connector call hangs until <see cref="Release"/> (then it fails with 503, as a recovering service would).</summary>
    public void Hang() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets hung calls go (they get 503) and later calls through.</summary>
    public void Release()
    {
        var hold = _hold;
        _hold = null;
        hold?.TrySetResult();
    }

    /// <summary>Forgets the calls received so far (after a setup step such as installing the app).</summary>
    public void Reset()
    {
        Calls.Clear();
        Delivered.Clear();
    }

    /// <summary>Accepted messages that are not the welcome card (which a member's first message also brings).</summary>
    public List<ConnectorCall> Answers => Delivered.Where(c => !IsWelcome(c)).ToList();

    public static bool IsWelcome(ConnectorCall call) => call.Body?.ToJsonString().Contains("Bonjour et bienvenue") == true;

    /// <summary>Waits until at least <paramref name="count"/> answers (welcome cards aside) were accepted, then a little more to catch extra ones.</summary>
    public async Task<List<ConnectorCall>> WaitForAnswersAsync(int count, TimeSpan? timeout = null, int settleMs = 300)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Answers.Count < count && DateTime.UtcNow < until) await Task.Delay(20);
        await Task.Delay(settleMs);
        return Answers;
    }

    /// <summary>Waits until at least <paramref name="count"/> non-typing calls were accepted.</summary>
    public async Task<List<ConnectorCall>> WaitForDeliveredAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Delivered.Count < count && DateTime.UtcNow < until) await Task.Delay(20);
        return Delivered.ToList();
    }

    /// <summary>Waits until the connector got at least <paramref name="count"/> non-typing calls.</summary>
    public async Task<List<ConnectorCall>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Messages.Count < count && DateTime.UtcNow < until) await Task.Delay(20);
        return Messages;
    }

    private async Task ConnectorAsync(HttpContext http)
    {
        JsonObject? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject;
        }
        var rawPath = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        var call = new ConnectorCall(http.Request.Method, rawPath, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body);
        if (KeepCalls) Calls.Enqueue(call);
        CallReceived?.Invoke(call);
        if (_hold is { } hold)
        {
            try { await hold.Task.WaitAsync(http.RequestAborted); } catch (OperationCanceledException) { return; }
            http.Response.StatusCode = 503;
            return;
        }
        if (_refuse is > 0 and var refused)
        {
            http.Response.StatusCode = refused;
            return;
        }
        if (_script.TryDequeue(out var step) && await step(http)) return;
        http.Response.StatusCode = http.Request.Method == "POST" ? 201 : 200;
        var id = rawPath.EndsWith("/v3/conversations") ? "a:direct-" + Interlocked.Increment(ref _activityCounter) : "activity-" + Interlocked.Increment(ref _activityCounter);
        call.ReturnedId = id;
        if (KeepCalls && body?["type"]?.GetValue<string>() != "typing" && !rawPath.EndsWith("/v3/conversations")) Delivered.Enqueue(call);
        await http.Response.WriteAsJsonAsync(new { id });
    }

    private string Jwks()
    {
        JsonObject Key(RSA rsa, string kid, string[] endorsements)
        {
            var p = rsa.ExportParameters(false);
            return new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray()),
            };
        }
        return new JsonObject { ["keys"] = new JsonArray(Key(TeamsKey, MsTeamsKid, ["msteams", "webchat"]), Key(OtherKey, OtherChannelKid, ["skype"])) }.ToJsonString();
    }

    /// <summary>A Bot Connector token; every argument can be spoiled by a test.</summary>
    public string Token(string? serviceUrl = null, string audience = AppId, string issuer = Issuer, RSA? key = null, string kid = MsTeamsKid,
        DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? TeamsKey) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token ("alg": "none") with otherwise valid claims.</summary>
    public string UnsignedToken()
    {
        var now = DateTimeOffset.UtcNow;
        string Part(object o) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(o));
        return Part(new { alg = "none", typ = "JWT", kid = MsTeamsKid }) + "." + Part(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = AppId, ["serviceurl"] = ServiceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }) + ".";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        TeamsKey.Dispose();
        OtherKey.Dispose();
    }
}
