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

/// <summary>What one Web API call gave.</summary>
/// <param name="Json">Slack's answer when it was ok:true.</param>
/// <param name="Error">Slack's error code ("channel_not_found", "ratelimited", "http_503", "network_error"…).</param>
/// <param name="RetryAfter">Slack's Retry-After (on 429, and on ok:false "ratelimited").</param>
/// <param name="MayHaveArrived">No clear answer came back although Slack may have acted (timeout, 5xx).</param>
public sealed record SlackCallResult(JsonObject? Json, string? Error, TimeSpan? RetryAfter = null, bool MayHaveArrived = false)
{
    public bool Ok => Json is not null;
}

/// <summary>
/// The part of Slack's Web API the bot uses. <see cref="TryCallAsync"/> makes exactly one call and reports what
/// happened (the outbox retries and records attempts); <see cref="CallAsync"/> retries a few times itself, for calls
/// that are not messages (users.info, conversations.open, views.open), honouring Retry-After on 429 and on ok:false
/// "ratelimited".
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackApiClient> logger)
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
    private static readonly HashSet<string> RetryableErrors = ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public Task<JsonObject> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct) =>
        CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = JsonSerializer.SerializeToNode(view, BlockKitJson.Options) }, ct);

    /// <summary>The DM channel with a user (conversations.open).</summary>
    public async Task<string> OpenDirectChannelAsync(string userId, CancellationToken ct)
    {
        var result = await CallAsync("conversations.open", new JsonObject { ["users"] = userId }, ct);
        return SlackJson.Str(result, "channel", "id") ?? throw new SlackApiException("conversations.open", "no_channel_in_response", false);
    }

    /// <summary>The user's display name and IANA time zone (users.info).</summary>
    public async Task<(string? Name, string? TimeZone)> UserInfoAsync(string userId, CancellationToken ct)
    {
        var result = await CallAsync("users.info", new JsonObject { ["user"] = userId }, ct, form: true);
        var name = SlackJson.Str(result, "user", "profile", "display_name") is { Length: > 0 } display
            ? display
            : SlackJson.Str(result, "user", "real_name") ?? SlackJson.Str(result, "user", "name");
        return (name, SlackJson.Str(result, "user", "tz"));
    }

    /// <summary>The WebSocket URL of a Socket Mode connection (apps.connections.open, with the app-level token).</summary>
    public async Task<string> OpenSocketConnectionAsync(CancellationToken ct)
    {
        var result = await CallAsync("apps.connections.open", new JsonObject(), ct, form: true, token: options.Value.AppToken);
        return SlackJson.Str(result, "url") ?? throw new SlackApiException("apps.connections.open", "no_url_in_response", false);
    }

    /// <summary>A Web API method with retries (not for messages: a retried post could land twice).</summary>
    public async Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken ct, bool form = false, string? token = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryCallAsync(method, body, ct, form, token);
            if (result.Ok) return result.Json!;
            var retryable = RetryableErrors.Contains(result.Error!) || result.Error!.StartsWith("http_5", StringComparison.Ordinal)
                            || result.Error.StartsWith("network_error", StringComparison.Ordinal);
            if (!retryable || attempt >= MaxAttempts) throw new SlackApiException(method, result.Error!, retryable);
            var wait = result.RetryAfter ?? TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1) + Random.Shared.Next(0, 100));
            if (wait > MaxRetryAfter) throw new SlackApiException(method, result.Error!, true);
            logger.LogWarning("Slack {Method} : {Error}, nouvel essai dans {Ms:F0} ms", method, result.Error, wait.TotalMilliseconds);
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>Exactly one call to a Web API method.</summary>
    public async Task<SlackCallResult> TryCallAsync(string method, JsonObject body, CancellationToken ct, bool form = false, string? token = null)
    {
        token ??= options.Value.BotToken;
        if (string.IsNullOrWhiteSpace(token)) return new SlackCallResult(null, "not_configured (Slack:BotToken / Slack:AppToken)");
        using var request = new HttpRequestMessage(HttpMethod.Post, method);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = form
            ? new FormUrlEncodedContent(body.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is JsonValue v ? v.ToString() : kv.Value?.ToJsonString() ?? "")))
            : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await SendAsync(method, request, ct);
    }

    /// <summary>One late answer through a response_url (Slack accepts up to 5 in 30 minutes). Only allowed addresses are called.</summary>
    public async Task<SlackCallResult> TryPostToResponseUrlAsync(string responseUrl, JsonObject body, CancellationToken ct)
    {
        if (!options.Value.IsAllowedResponseUrl(responseUrl)) return new SlackCallResult(null, "response_url_not_allowed");
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var result = await SendAsync("response_url", request, ct, plainOk: true);
        return result;
    }

    private async Task<SlackCallResult> SendAsync(string method, HttpRequestMessage request, CancellationToken ct, bool plainOk = false)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.CallTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Slack {Method} : pas de réponse dans le délai", method);
            return new SlackCallResult(null, "network_error: timeout", MayHaveArrived: true);
        }
        catch (HttpRequestException e)
        {
            var neverSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            logger.LogWarning("Slack {Method} injoignable ({Error})", method, e.Message);
            return new SlackCallResult(null, "network_error: " + e.Message, MayHaveArrived: !neverSent);
        }
        using (response)
        {
            var retryAfter = RetryAfter(response);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                logger.LogWarning("Slack {Method} : 429, Retry-After {Seconds} s", method, retryAfter?.TotalSeconds);
                return new SlackCallResult(null, "ratelimited", retryAfter ?? TimeSpan.FromSeconds(1));
            }
            if (status >= 500)
            {
                logger.LogWarning("Slack {Method} : HTTP {Status}", method, status);
                return new SlackCallResult(null, $"http_{status}", retryAfter, MayHaveArrived: true);
            }
            JsonObject? json = null;
            try { json = JsonNode.Parse(text) as JsonObject; }
            catch (JsonException) { }
            if (json is null)
            {
                if (plainOk && response.IsSuccessStatusCode) return new SlackCallResult(new JsonObject { ["ok"] = true }, null);
                return new SlackCallResult(null, $"http_{status}: {SlackMrkdwn.Clip(text, 100)}");
            }
            if (SlackJson.Get(json, "ok") is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && !isOk)
            {
                var error = SlackJson.Str(json, "error") ?? "unknown_error";
                logger.LogWarning("Slack {Method} a répondu ok:false ({Error})", method, error);
                return new SlackCallResult(null, error, error == "ratelimited" ? retryAfter ?? TimeSpan.FromSeconds(1) : retryAfter,
                    MayHaveArrived: error is "internal_error" or "fatal_error" or "request_timeout");
            }
            if (!response.IsSuccessStatusCode) return new SlackCallResult(null, $"http_{status}");
            logger.LogDebug("Slack {Method} en {Ms:F0} ms", method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new SlackCallResult(json, null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }
}
