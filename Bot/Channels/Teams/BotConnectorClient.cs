using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Teams;

/// <summary>A call to the Bot Connector that failed (thrown by the convenience methods only).</summary>
public sealed class BotConnectorException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>What one call to the Bot Connector gave.</summary>
/// <param name="Status">The HTTP status, null when no answer came (no token, network, timeout).</param>
/// <param name="Id">The "id" of the answer (a new activity, a new conversation).</param>
/// <param name="RetryAfter">The connector's Retry-After.</param>
/// <param name="Error">Why it failed, for the logs and the outbox.</param>
/// <param name="MayHaveArrived">The request may have reached the connector although no answer came back.</param>
public sealed record ConnectorResult(int? Status, string? Id, TimeSpan? RetryAfter, string? Error, bool MayHaveArrived)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>
/// The Bot Connector REST API (v3): send, reply, update, delete, create a conversation. One attempt per call, with the
/// bearer token and a timeout: retries, backoff and order belong to the outbox, which records each attempt first.
/// A token failure is a result like any other, never an exception.
/// </summary>
public sealed class BotConnectorClient(IHttpClientFactory http, IBotTokenSource tokens, IOptions<TeamsOptions> options, TimeProvider clock,
    ILogger<BotConnectorClient> logger)
{
    public const string HttpClientName = "teams-connector";

    /// <summary>Posts an activity to a conversation, as a reply to <paramref name="replyToId"/> when given (in a channel: in its thread).</summary>
    public Task<ConnectorResult> PostActivityAsync(string serviceUrl, string conversationId, string? replyToId, Activity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, serviceUrl, replyToId is { Length: > 0 }
            ? $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}"
            : $"v3/conversations/{Escape(conversationId)}/activities", activity, ct);

    public Task<ConnectorResult> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, ct);

    public Task<ConnectorResult> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct) =>
        CallAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, ct);

    /// <summary>Creates (or finds) a 1:1 conversation between the bot and a user; its id is the result's <see cref="ConnectorResult.Id"/>.</summary>
    public Task<ConnectorResult> CreateConversationAsync(string serviceUrl, object parameters, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, ct);

    /// <summary>Sends a new activity; throws when it fails (tests, best-effort callers).</summary>
    public async Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        Check(await PostActivityAsync(serviceUrl, conversationId, null, activity, ct)).Id;

    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        Check(await UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, ct));

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct) =>
        Check(await DeleteActivityAsync(serviceUrl, conversationId, activityId, ct));

    /// <summary>
    /// Escapes an id for one URL path segment. Teams ids contain ':' ';' '=' '@' which are kept escaped;
    /// ids that could climb the path ('/', '\', '..', control characters) are refused.
    /// </summary>
    public static string Escape(string id)
    {
        if (!IsSafeId(id)) throw new BotConnectorException($"identifiant refusé dans une URL du connecteur : « {Truncate(id)} »");
        return Uri.EscapeDataString(id);
    }

    /// <summary>True for an id that can go into a connector URL path.</summary>
    public static bool IsSafeId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 1024 && id != "." && !id.Contains("..") && !id.Any(c => c is '/' or '\\' || char.IsControl(c));

    private static ConnectorResult Check(ConnectorResult result) =>
        result.Ok ? result : throw new BotConnectorException("Bot Connector : " + result.Error, (HttpStatusCode?)result.Status);

    private async Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken ct)
    {
        if (!Uri.TryCreate(serviceUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
            return new ConnectorResult(null, null, null, $"serviceUrl invalide : « {Truncate(serviceUrl)} »", false);
        var uri = new Uri(baseUri, path);

        string? token;
        try { token = await tokens.GetTokenAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Bot Connector : jeton du bot indisponible ({Error}) ; l'envoi sera réessayé", e.Message);
            return new ConnectorResult(null, null, null, "jeton du bot indisponible : " + Truncate(e.Message), false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ConnectorTimeout);
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ActivityJson.Options);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Bot Connector : {Method} {Uri} → HTTP {Status} {Detail}", method, uri, status, Truncate(text));
                return new ConnectorResult(status, null, RetryAfter(response), $"HTTP {status} {Truncate(text)}", status is 502 or 504);
            }
            return new ConnectorResult(status, IdOf(text), null, null, true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Bot Connector : {Method} {Uri} sans réponse après {Timeout}", method, uri, options.Value.ConnectorTimeout);
            return new ConnectorResult(null, null, null, "délai de réponse du connecteur dépassé", true);
        }
        catch (HttpRequestException e)
        {
            var neverSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            logger.LogWarning("Bot Connector : {Method} {Uri} injoignable ({Error})", method, uri, e.Message);
            return new ConnectorResult(null, null, null, "connecteur injoignable : " + e.Message, !neverSent);
        }
    }

    private static string? IdOf(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
