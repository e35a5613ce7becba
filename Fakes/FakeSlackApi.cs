using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Communaute.Fakes;

/// <summary>One call the bot made to the fake Slack: a Web API method, or "response_url".</summary>
public sealed record SlackCall(string Method, JsonObject Body, string? Authorization, DateTimeOffset At)
{
    public string? Str(string key) => Body[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    public JsonArray Blocks => Body["blocks"] as JsonArray ?? [];

    /// <summary>All the text of the call's blocks (sections, fields, headers, buttons), for assertions.</summary>
    public string AllText => Str("text") + "\n" + Blocks.ToJsonString();
}

/// <summary>
/// Plays Slack's part on 127.0.0.1: the Web API (/api/METHOD), response_url hooks (/hooks/ID) and, for Socket Mode,
/// a WebSocket (/socket) driven by the test. Every call is recorded; failures can be scripted per method.
/// Shared by the tests and the benches (which count what they need in <see cref="CallReceived"/>).
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripted = new();
    private int _ts;

    private readonly ConcurrentDictionary<string, int> _failingChannels = new();
    private readonly ConcurrentDictionary<string, string> _channelErrors = new();
    private int _slowPosts;
    private TimeSpan _slowPostDelay;

    /// <summary>Messages chat.postMessage accepted, as conversations.history returns them (with their metadata).</summary>
    public ConcurrentQueue<JsonObject> Posted { get; } = new();

    public string BaseUrl { get; private set; } = "";
    public string Root { get; private set; } = "";
    public ConcurrentDictionary<string, string> TimeZones { get; } = new();

    /// <summary>Raised for every call, once recorded (benches count deliveries here).</summary>
    public event Action<SlackCall>? CallReceived;

    /// <summary>False: calls are only raised in <see cref="CallReceived"/>, not kept (long benches).</summary>
    public bool KeepCalls { get; set; } = true;

    /// <summary>Handles a Socket Mode connection (set by Socket Mode tests).</summary>
    public Func<WebSocket, Task>? SocketHandler { get; set; }

    private FakeSlackApi() { }

    public static async Task<FakeSlackApi> StartAsync()
    {
        var fake = new FakeSlackApi();
        (fake._app, fake.Root) = await LoopbackApp.StartAsync(app =>
        {
            app.UseWebSockets();
            app.MapPost("/api/{method}", (Func<HttpContext, string, Task>)fake.ApiAsync);
            app.MapPost("/hooks/{id}", (Func<HttpContext, string, Task>)fake.HookAsync);
            app.Map("/socket", (Func<HttpContext, Task>)fake.SocketAsync);
        });
        fake.BaseUrl = fake.Root + "/api/";
        return fake;
    }

    public IReadOnlyList<SlackCall> Calls => _calls.ToList();
    public IReadOnlyList<SlackCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToList();

    /// <summary>Messages the bot posted, whatever the way (postMessage, postEphemeral, response_url).</summary>
    public IReadOnlyList<SlackCall> Messages => _calls.Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral" or "response_url").ToList();

    public string ResponseUrl(string id) => $"{Root}/hooks/{id}";

    /// <summary>The next <paramref name="times"/> calls to the method get this answer instead of the normal one.</summary>
    public void Script(string method, int times, Func<HttpContext, Task> answer)
    {
        var queue = _scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>());
        for (var i = 0; i < times; i++) queue.Enqueue(answer);
    }

    public void FailWithStatus(string method, int times, int status, int? retryAfterSeconds = null) => Script(method, times, async http =>
    {
        http.Response.StatusCode = status;
        if (retryAfterSeconds is { } s) http.Response.Headers.RetryAfter = s.ToString();
        await http.Response.WriteAsync("error");
    });

    public void FailWithError(string method, int times, string error) => Script(method, times, http =>
        http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error }));

    /// <summary>From now on, chat.postMessage to this channel always fails with this HTTP status (a poison conversation).</summary>
    public void FailChannel(string channel, int status) => _failingChannels[channel] = status;

    /// <summary>Channels failed with <see cref="FailChannel"/> work again.</summary>
    public void HealChannels()
    {
        _failingChannels.Clear();
        _channelErrors.Clear();
    }

    /// <summary>From now on, chat.postMessage to this channel always answers ok=false with this Slack error (is_archived, not_in_channel…).</summary>
    public void FailChannelWithError(string channel, string error) => _channelErrors[channel] = error;

    /// <summary>The next <paramref name="times"/> chat.postMessage calls are posted, but answered only after <paramref name="delay"/>.</summary>
    public void PostButAnswerLate(int times, TimeSpan delay)
    {
        _slowPostDelay = delay;
        Interlocked.Exchange(ref _slowPosts, times);
    }

    /// <summary>The keys of the outbox messages Slack received, from their metadata, one entry per post.</summary>
    public List<string> PostedKeys => Posted.Select(p => p["metadata"]?["event_payload"]?["key"]?.ToString() ?? "").ToList();

    /// <summary>Waits until at least <paramref name="count"/> calls match, then a little more to catch extra ones.</summary>
    public async Task<IReadOnlyList<SlackCall>> WaitForAsync(Func<SlackCall, bool> match, int count = 1, double seconds = 10, int settleMs = 300)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_calls.Count(match) >= count)
            {
                await Task.Delay(settleMs);
                return _calls.Where(match).ToList();
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{count} appel(s) attendu(s), {_calls.Count(match)} reçu(s). Appels : " +
            string.Join(" | ", _calls.Select(c => c.Method + " " + c.Body.ToJsonString()[..Math.Min(200, c.Body.ToJsonString().Length)])));
    }

    /// <summary>Forgets the calls and messages received so far.</summary>
    public void Reset()
    {
        _calls.Clear();
        Posted.Clear();
    }

    private void Record(SlackCall call)
    {
        if (KeepCalls) _calls.Enqueue(call);
        CallReceived?.Invoke(call);
    }

    private async Task ApiAsync(HttpContext http, string method)
    {
        JsonObject body;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            body = new JsonObject(form.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value.ToString()))));
        }
        else body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        Record(new SlackCall(method, body, http.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            await scripted(http);
            return;
        }
        var channel = body["channel"]?.ToString();
        if (method == "chat.postMessage" && channel is not null && _failingChannels.TryGetValue(channel, out var failure))
        {
            http.Response.StatusCode = failure;
            await http.Response.WriteAsync("error");
            return;
        }
        if (method == "chat.postMessage" && channel is not null && _channelErrors.TryGetValue(channel, out var error))
        {
            await http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error });
            return;
        }
        if (method == "chat.postMessage")
        {
            var ts = NextTs();
            var message = new JsonObject { ["type"] = "message", ["ts"] = ts, ["channel"] = channel, ["text"] = body["text"]?.DeepClone() };
            if (body["thread_ts"] is { } thread) message["thread_ts"] = thread.DeepClone();
            if (body["metadata"] is { } metadata) message["metadata"] = metadata.DeepClone();
            Posted.Enqueue(message);
            if (Interlocked.Decrement(ref _slowPosts) >= 0)
                try { await Task.Delay(_slowPostDelay, http.RequestAborted); } catch (OperationCanceledException) { return; }
            await http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts });
            return;
        }
        JsonObject answer = method switch
        {
            "chat.postEphemeral" => new() { ["ok"] = true, ["message_ts"] = NextTs() },
            "chat.update" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = body["ts"]?.ToString() },
            "views.open" or "views.update" => new() { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V" + NextTs() } },
            "conversations.open" => new() { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"] } },
            "users.info" => new()
            {
                ["ok"] = true,
                ["user"] = new JsonObject
                {
                    ["id"] = body["user"]?.ToString(),
                    ["name"] = body["user"]?.ToString(),
                    ["real_name"] = "Membre " + body["user"],
                    ["tz"] = TimeZones.TryGetValue(body["user"]?.ToString() ?? "", out var tz) ? tz : "Europe/Paris",
                    ["profile"] = new JsonObject { ["display_name"] = "" },
                },
            },
            "apps.connections.open" => new() { ["ok"] = true, ["url"] = Root.Replace("http://", "ws://") + "/socket" },
            "conversations.history" or "conversations.replies" => History(body, method == "conversations.replies"),
            "chat.delete" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = body["ts"]?.ToString() },
            _ => new() { ["ok"] = false, ["error"] = "unknown_method" },
        };
        await http.Response.WriteAsJsonAsync(answer);
    }

    private async Task HookAsync(HttpContext http, string id)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        body["__hook"] = id;
        Record(new SlackCall("response_url", body, null, DateTimeOffset.UtcNow));
        if (_scripted.TryGetValue("response_url", out var queue) && queue.TryDequeue(out var scripted))
        {
            await scripted(http);
            return;
        }
        await http.Response.WriteAsync("ok");
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || SocketHandler is null)
        {
            http.Response.StatusCode = 400;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await SocketHandler(socket);
    }

    /// <summary>
    /// The channel's messages (a thread's with conversations.replies), metadata only when asked for. "oldest" is not
    /// applied: the fake's ts values do not follow the tests' fake clock.
    /// </summary>
    private JsonObject History(JsonObject query, bool replies)
    {
        var channel = query["channel"]?.ToString();
        var withMetadata = query["include_all_metadata"]?.ToString() == "true";
        var messages = Posted
            .Where(m => m["channel"]?.ToString() == channel)
            .Where(m => !replies || m["thread_ts"]?.ToString() == query["ts"]?.ToString())
            .Select(m =>
            {
                var copy = (JsonObject)m.DeepClone();
                if (!withMetadata) copy.Remove("metadata");
                return (JsonNode)copy;
            })
            .Reverse()
            .ToArray();
        return new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(messages), ["has_more"] = false };
    }

    private string NextTs() => $"1795000000.{Interlocked.Increment(ref _ts):D6}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
