using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Communaute.Bot.Channels.Teams;

/// <summary>A call to the Bot Connector that failed for good (after the retries).</summary>
public sealed class BotConnectorException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The Bot Connector REST API (v3): send, reply, update, delete, create a conversation. Each call gets the bearer
/// token, a timeout, and retries with backoff and jitter on 429/412/500/502/503/504 (Retry-After honoured).
/// Sends to one conversation go one after the other, so messages arrive in order.
/// </summary>
public sealed class BotConnectorClient
{
    public const string HttpClientName = "teams-connector";
    private static readonly HttpStatusCode[] Transient =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.InternalServerError,
         HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    private readonly IHttpClientFactory _http;
    private readonly IBotTokenSource _tokens;
    private readonly ILogger<BotConnectorClient> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;
    private readonly Dictionary<string, Gate> _conversationGates = new();

    /// <summary>One conversation's turn to send, dropped when nobody waits for it (so the map does not grow forever).</summary>
    private sealed class Gate
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public int Users;
    }

    public BotConnectorClient(IHttpClientFactory http, IBotTokenSource tokens, IOptions<TeamsOptions> options, ILogger<BotConnectorClient> logger)
    {
        _http = http;
        _tokens = tokens;
        _logger = logger;
        var o = options.Value;
        _resilience = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } r } => Transient.Contains(r.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args =>
                {
                    var retryAfter = RetryAfter(args.Outcome.Result);
                    if (retryAfter is { } wait && wait > o.MaxRetryAfter)
                        throw new BotConnectorException($"le connecteur demande d'attendre {wait.TotalSeconds:F0} s, au-delà de la limite", HttpStatusCode.TooManyRequests);
                    return ValueTask.FromResult(retryAfter);
                },
                OnRetry = args =>
                {
                    _logger.LogWarning("Bot Connector : {Outcome}, nouvel essai n°{Attempt} dans {Delay:F0} ms",
                        args.Outcome.Exception?.GetType().Name ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}",
                        args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(o.ConnectorTimeout)
            .Build();
    }

    /// <summary>Replies to an activity (in a channel thread, the reply lands in the thread). Returns the new activity id.</summary>
    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        SendInOrderAsync(conversationId, () => CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, ct));

    /// <summary>Sends a new activity to a conversation (proactive messages).</summary>
    public Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        SendInOrderAsync(conversationId, () => CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, ct));

    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendInOrderAsync<string?>(conversationId, () => CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, ct));

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct) =>
        SendInOrderAsync<string?>(conversationId, () => CallAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, ct));

    /// <summary>Creates (or finds) a 1:1 conversation between the bot and a user; returns its id.</summary>
    public async Task<string?> CreateConversationAsync(string serviceUrl, object parameters, CancellationToken ct) =>
        await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, ct);

    /// <summary>
    /// Escapes an id for one URL path segment. Teams ids contain ':' ';' '=' '@' which are kept escaped;
    /// ids that could climb the path ('/', '\', '..', control characters) are refused.
    /// </summary>
    public static string Escape(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1024 || id == "." || id.Contains("..") || id.Any(c => c is '/' or '\\' || char.IsControl(c)))
            throw new BotConnectorException($"identifiant refusé dans une URL du connecteur : « {Truncate(id)} »");
        return Uri.EscapeDataString(id);
    }

    private async Task<T> SendInOrderAsync<T>(string conversationId, Func<Task<T>> send)
    {
        Gate? gate;
        lock (_conversationGates)
        {
            if (!_conversationGates.TryGetValue(conversationId, out gate)) _conversationGates[conversationId] = gate = new Gate();
            gate.Users++;
        }
        try
        {
            await gate.Lock.WaitAsync();
            try { return await send(); }
            finally { gate.Lock.Release(); }
        }
        finally
        {
            lock (_conversationGates)
                if (--gate.Users == 0) _conversationGates.Remove(conversationId);
        }
    }

    private async Task<string?> CallAsync(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken ct)
    {
        if (!Uri.TryCreate(serviceUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
            throw new BotConnectorException($"serviceUrl invalide : « {Truncate(serviceUrl)} »");
        var uri = new Uri(baseUri, path);
        var token = await _tokens.GetTokenAsync(ct);
        var client = _http.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await _resilience.ExecuteAsync(async token2 =>
            {
                using var request = new HttpRequestMessage(method, uri);
                if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ActivityJson.Options);
                return await client.SendAsync(request, token2);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            _logger.LogError("Bot Connector injoignable : {Method} {Uri} a échoué après les nouvels essais ({Error})", method, uri, e.Message);
            throw new BotConnectorException($"Bot Connector injoignable ({e.GetType().Name})", null, e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(CancellationToken.None);
                _logger.LogError("Bot Connector : {Method} {Uri} → HTTP {Status} {Detail}", method, uri, (int)response.StatusCode, Truncate(detail));
                throw new BotConnectorException($"Bot Connector : HTTP {(int)response.StatusCode}", response.StatusCode);
            }
            if (response.Content.Headers.ContentLength == 0) return null;
            try
            {
                using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
            }
            catch (JsonException) { return null; }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
