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
        LocalTurns turns, CancellationToken ct)
    {
        var session = await sessions.FindAsync(http, ct);
        if (session is null)
        {
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
            body = await JsonNode.ParseAsync(new LengthLimitedStream(http.Request.Body, MaxBodyBytes), cancellationToken: ct) as JsonObject;
        }
        catch (InvalidDataException)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message trop volumineux.");
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Requête illisible : JSON attendu.");
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
        var replyTo = body["replyTo"] is JsonValue r && r.TryGetValue<long>(out var id) ? id : (long?)null;

        var session = await sessions.FindAsync(http, ct) ?? await sessions.CreateAsync(http, ct);
        var said = await transcript.AppendMemberMessageAsync(session.ConversationId, messageId,
            shown.Length > MaxShownText ? shown[..MaxShownText] : shown, isClick ? replyTo : null, ct);
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

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static IResult Problem(int status, string detail) =>
        Results.Json(new { error = detail }, statusCode: status);

    [GeneratedRegex(@"^[A-Za-z0-9_\-.:]{1,64}$")]
    private static partial Regex SafeId();
}
