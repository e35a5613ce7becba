using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Slack;

/// <summary>A Slack Web API call that failed: <see cref="Error"/> is Slack's code ("channel_not_found") or "http_500".</summary>
public sealed class SlackApiException(string method, string error, bool retryable)
    : Exception($"Slack {method} : {error}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;

    /// <summary>True when trying again later may work (rate limit, server error, network).</summary>
    public bool Retryable { get; } = retryable;
}

/// <summary>
/// The part of Slack's Web API the bot uses. Waits Retry-After on 429 (and on ok:false "ratelimited"), retries server
/// errors a few times with backoff, keeps about one message a second per channel, and surfaces ok:false with Slack's code.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, SlackChannelPacer pacer, ILogger<SlackApiClient> logger)
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
    private static readonly HashSet<string> RetryableErrors = ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];
    private static readonly HashSet<string> PacedMethods = ["chat.postMessage", "chat.postEphemeral", "chat.update"];

    public async Task<string> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken ct)
    {
        var result = await CallAsync("chat.postMessage", MessageBody(channel, message, threadTs), ct);
        return result["ts"]?.GetValue<string>() ?? "";
    }

    public Task<JsonObject> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct)
    {
        var body = MessageBody(channel, message, null);
        body["ts"] = ts;
        return CallAsync("chat.update", body, ct);
    }

    public Task<JsonObject> PostEphemeralAsync(string channel, string user, SlackMessage message, string? threadTs, CancellationToken ct)
    {
        var body = MessageBody(channel, message, threadTs);
        body["user"] = user;
        return CallAsync("chat.postEphemeral", body, ct);
    }

    public Task<JsonObject> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct) =>
        CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = JsonSerializer.SerializeToNode(view, BlockKitJson.Options) }, ct);

    public Task<JsonObject> UpdateViewAsync(string viewId, ModalView view, CancellationToken ct) =>
        CallAsync("views.update", new JsonObject { ["view_id"] = viewId, ["view"] = JsonSerializer.SerializeToNode(view, BlockKitJson.Options) }, ct);

    /// <summary>The DM channel with a user (conversations.open).</summary>
    public async Task<string> OpenDirectChannelAsync(string userId, CancellationToken ct)
    {
        var result = await CallAsync("conversations.open", new JsonObject { ["users"] = userId }, ct);
        return result["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no_channel_in_response", false);
    }

    /// <summary>The user's display name and IANA time zone (users.info).</summary>
    public async Task<(string? Name, string? TimeZone)> UserInfoAsync(string userId, CancellationToken ct)
    {
        var result = await CallAsync("users.info", new JsonObject { ["user"] = userId }, ct, form: true);
        var user = result["user"];
        var name = Str(user?["profile"]?["display_name"]) is { Length: > 0 } display ? display : Str(user?["real_name"]) ?? Str(user?["name"]);
        return (name, Str(user?["tz"]));
    }

    /// <summary>The WebSocket URL of a Socket Mode connection (apps.connections.open, with the app-level token).</summary>
    public async Task<string> OpenSocketConnectionAsync(CancellationToken ct)
    {
        var result = await CallAsync("apps.connections.open", new JsonObject(), ct, form: true, token: options.Value.AppToken);
        return Str(result["url"]) ?? throw new SlackApiException("apps.connections.open", "no_url_in_response", false);
    }

    /// <summary>A late answer to a slash command or an interaction through its response_url (up to 5 times in 30 minutes).</summary>
    public async Task PostToResponseUrlAsync(string responseUrl, JsonObject body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            var outcome = await SendAsync("response_url", request, attempt, ct);
            if (outcome.Retry) continue;
            var text = outcome.Body;
            if (text.TrimStart().StartsWith('{') && JsonNode.Parse(text) is JsonObject json && json["ok"]?.GetValue<bool>() == false)
                throw new SlackApiException("response_url", Str(json["error"]) ?? "unknown_error", false);
            return;
        }
    }

    public async Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken ct, bool form = false, string? token = null)
    {
        token ??= options.Value.BotToken;
        if (string.IsNullOrWhiteSpace(token)) throw new SlackApiException(method, "not_configured (Slack:BotToken / Slack:AppToken)", false);
        if (PacedMethods.Contains(method) && Str(body["channel"]) is { } channel)
            await pacer.WaitTurnAsync(channel, ct);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, method);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Content = form
                ? new FormUrlEncodedContent(body.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is JsonValue v ? v.ToString() : kv.Value?.ToJsonString() ?? "")))
                : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            var outcome = await SendAsync(method, request, attempt, ct);
            if (outcome.Retry) continue;
            JsonObject json;
            try { json = JsonNode.Parse(outcome.Body) as JsonObject ?? throw new JsonException("not an object"); }
            catch (JsonException)
            {
                throw new SlackApiException(method, "invalid_response", attempt < MaxAttempts);
            }
            if (json["ok"]?.GetValue<bool>() == true) return json;
            var error = Str(json["error"]) ?? "unknown_error";
            if (error == "ratelimited" && attempt < MaxAttempts)
            {
                logger.LogWarning("Slack {Method} : ratelimited, nouvel essai dans 1 s", method);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                continue;
            }
            logger.LogWarning("Slack {Method} a répondu ok:false ({Error})", method, error);
            throw new SlackApiException(method, error, RetryableErrors.Contains(error));
        }
    }

    private async Task<(bool Retry, string Body)> SendAsync(string method, HttpRequestMessage request, int attempt, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            if (attempt >= MaxAttempts) throw new SlackApiException(method, "network_error: " + e.Message, true);
            logger.LogWarning("Slack {Method} injoignable ({Error}), nouvel essai {Attempt}/{Max}", method, e.Message, attempt + 1, MaxAttempts);
            await Task.Delay(Backoff(attempt), ct);
            return (true, "");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                if (wait > MaxRetryAfter) wait = MaxRetryAfter;
                if (attempt >= MaxAttempts) throw new SlackApiException(method, "ratelimited", true);
                logger.LogWarning("Slack {Method} : 429, attente de {Seconds} s (Retry-After)", method, wait.TotalSeconds);
                await Task.Delay(wait, ct);
                return (true, "");
            }
            var text = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode >= 500)
            {
                if (attempt >= MaxAttempts) throw new SlackApiException(method, $"http_{(int)response.StatusCode}", true);
                logger.LogWarning("Slack {Method} : HTTP {Status}, nouvel essai {Attempt}/{Max}", method, (int)response.StatusCode, attempt + 1, MaxAttempts);
                await Task.Delay(Backoff(attempt), ct);
                return (true, "");
            }
            if (!response.IsSuccessStatusCode && !text.TrimStart().StartsWith('{'))
                throw new SlackApiException(method, $"http_{(int)response.StatusCode}: {SlackMrkdwn.Clip(text, 100)}", false);
            logger.LogDebug("Slack {Method} en {Ms:F0} ms", method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (false, text);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1) + Random.Shared.Next(0, 100));

    private static JsonObject MessageBody(string channel, SlackMessage message, string? threadTs)
    {
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = message.Text,
            ["blocks"] = SlackBlockKitRenderer.ToJson(message.Blocks),
        };
        if (threadTs is not null) body["thread_ts"] = threadTs;
        return body;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>Keeps messages to one channel at least <see cref="SlackOptions.MinIntervalPerChannelMs"/> apart (Slack: about 1 per second).</summary>
public sealed class SlackChannelPacer(IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Gate> _gates = new();

    public async Task WaitTurnAsync(string channel, CancellationToken ct)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.MinIntervalPerChannelMs);
        if (interval <= TimeSpan.Zero) return;
        var gate = _gates.GetOrAdd(channel, _ => new Gate());
        await gate.Lock.WaitAsync(ct);
        try
        {
            var now = time.GetTimestamp();
            if (gate.Last != 0 && time.GetElapsedTime(gate.Last, now) is var since && since < interval)
                await Task.Delay(interval - since, time, ct);
            gate.Last = time.GetTimestamp();
        }
        finally { gate.Lock.Release(); }
    }

    private sealed class Gate
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public long Last;
    }
}
