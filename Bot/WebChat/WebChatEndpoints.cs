using Communaute.Bot.Pipeline;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Communaute.Bot.Delivery;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The chat page's API. The visitor is the one the session cookie names (<see cref="WebChatSessions"/>): identity
/// fields in a request are ignored. The conversation is read from and written to the transcript
/// (<see cref="WebChatTranscript"/>), so a reload or a new tab shows it as it is on the server.
/// </summary>
public static partial class WebChatEndpoints
{
    public const string Channel = "webchat";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Longest member text kept in the transcript (the pipeline keeps less).</summary>
    private const int MaxShownText = 4000;

    public static void MapWebChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webchat").AddEndpointFilter(WebChatRequestGuard.FilterAsync);
        api.MapPost("/session", OpenSessionAsync);
        api.MapGet("/messages", ReadMessagesAsync);
        api.MapPost("/turns", HandleTurnAsync);
    }

    /// <summary>Opens the page: the visitor's session (a new one with a welcome) and the conversation so far.</summary>
    private static async Task<IResult> OpenSessionAsync(HttpContext http, WebChatSessions sessions, WebChatTranscript transcript,
        LocalTurns turns, WebChatSessionLimiter limiter, CancellationToken ct)
    {
        var session = await sessions.FindAsync(http, ct);
        if (session is null)
        {
            // Only the page creates visitors, and at a bounded rate per client.
            if (!limiter.TryAcquire(http, out var retryAfter))
            {
                http.RequestServices.GetRequiredService<Security.RejectionLog>().Record("Limite de débit",
                    "trop de nouvelles conversations sur la page (429)", http.Connection.RemoteIpAddress);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, "Trop de nouvelles conversations depuis votre adresse : réessayez plus tard.");
            }
            session = await sessions.CreateAsync(http, ct);
            // A conversation starts with the bot's welcome, as Teams' does on install; the member said nothing.
            // (The turn's replies land in the transcript.)
            await turns.RunAsync(Turn(session, "bonjour", null), ct);
        }
        return Results.Json(await transcript.HistoryAsync(session.ConversationId, ct));
    }

    private static async Task<IResult> ReadMessagesAsync(HttpContext http, long? after, long? since, WebChatSessions sessions,
        WebChatTranscript transcript, CancellationToken ct)
    {
        var session = await sessions.FindAsync(http, ct);
        if (session is null) return Problem(StatusCodes.Status401Unauthorized, "Pas de conversation ouverte : rechargez la page.");
        return Results.Json(await transcript.ReadAsync(session.ConversationId, after ?? 0, since ?? 0, ct));
    }

    private static async Task<IResult> HandleTurnAsync(HttpContext http, LocalTurns turns, WebChatSessions sessions,
        WebChatTranscript transcript, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message trop volumineux.");
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(new LengthLimitedStream(http.Request.Body, MaxBodyBytes), documentOptions: StrictJson, cancellationToken: ct) as JsonObject;
        }
        catch (InvalidDataException)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message trop volumineux.");
        }
        catch (JsonException)
        {
            // Malformed JSON, or a key given twice (which would otherwise throw later, when the object is read).
            return Problem(StatusCodes.Status400BadRequest, "Requête illisible : un objet JSON attendu, chaque clé une seule fois.");
        }
        if (body is null) return Problem(StatusCodes.Status400BadRequest, "Requête illisible : objet JSON attendu.");

        var messageId = Str(body, "messageId");
        if (messageId is null || !SafeId().IsMatch(messageId))
            return Problem(StatusCodes.Status400BadRequest, "messageId est obligatoire (lettres, chiffres, « - _ . : », 64 caractères au plus).");
        string? text, prompt, shown;
        Dictionary<string, string> form;
        var isClick = body["value"] is JsonObject;
        try
        {
            string? clicked;
            (clicked, prompt, form) = body["value"] is JsonObject value
                ? SubmitData.Read(JsonSerializer.SerializeToElement<JsonNode>(value))
                : (null, null, new Dictionary<string, string>());
            text = clicked ?? Str(body, "text");
            shown = isClick ? Str(body, "label") ?? clicked ?? "Envoyer" : text ?? "";
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or JsonException)
        {
            // A lone UTF-16 surrogate ("\ud800") is valid JSON but no text.
            return Problem(StatusCodes.Status400BadRequest, "Texte mal encodé : il contient des caractères invalides (UTF-16 incomplet).");
        }
        if (Str(body, "timeZone") is { } zone && !ReferenceEquals(InputText.WellFormed(zone), zone))
            return Problem(StatusCodes.Status400BadRequest, "Texte mal encodé : il contient des caractères invalides (UTF-16 incomplet).");
        var replyTo = body["replyTo"] is JsonValue r && r.TryGetValue<long>(out var id) ? id : (long?)null;

        // A turn needs the visitor the page opened (POST /session): a request without it creates nobody.
        var session = await sessions.FindAsync(http, ct);
        if (session is null) return Problem(StatusCodes.Status401Unauthorized, "Pas de conversation ouverte : rechargez la page.");
        var said = await transcript.AppendMemberMessageAsync(session.ConversationId, messageId,
            InputText.Sanitize(shown.Length > MaxShownText ? shown[..MaxShownText] : shown), isClick ? replyTo : null, ct);
        // The same message twice (double click, retry): answered once; the page reads the answer from the transcript.
        if (said is null) return Results.Json(new JsonObject { ["messages"] = new JsonArray(), ["duplicate"] = true });

        var turn = Turn(session, text, Str(body, "timeZone")) with { FormValues = form, PromptId = prompt, MessageId = messageId };
        var answer = await turns.RunAsync(turn, ct);
        if (!await sessions.ExistsAsync(session.Id, ct))
        {
            // The member erased their data in this turn: the answer is shown, not kept.
            return Results.Json(new JsonObject
            {
                ["messages"] = new JsonArray(answer.Replies.Select(reply => (JsonNode)new JsonObject
                {
                    ["from"] = "bot", ["reply"] = WebChatTranscript.ReplyJson(reply),
                }).ToArray()),
                ["ended"] = true,
            });
        }
        // The turn delivered its replies to the transcript (WebChatTurnDelivery).
        var answers = await transcript.FindAsync(answer.DeliveredIds, ct);
        return Results.Json(new JsonObject { ["messages"] = WebChatTranscript.ToJson([said, .. answers]) });
    }

    private static IncomingTurn Turn(WebChatSession session, string? text, string? timeZone) => new()
    {
        Channel = Channel,
        ConversationId = session.ConversationId,
        UserId = session.UserId,
        Text = text,
        TimeZone = timeZone,
    };

    /// <summary>A key given twice is refused at parsing: <see cref="JsonObject"/> would throw on first access.</summary>
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static IResult Problem(int status, string detail) =>
        Results.Json(new { error = detail }, statusCode: status);

    [GeneratedRegex(@"^[A-Za-z0-9_\-.:]{1,64}\z")]
    private static partial Regex SafeId();
}
