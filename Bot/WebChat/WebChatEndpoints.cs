using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Rendering;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The local chat page's API: a turn in, the replies out as text and Adaptive Cards (the same cards Teams gets);
/// messages sent outside a turn (reminders, digests) wait in an outbox the page polls.
/// </summary>
public static partial class WebChatEndpoints
{
    public const string Channel = "webchat";
    public const int MaxBodyBytes = 64 * 1024;

    public static void MapWebChat(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webchat/turns", HandleTurnAsync);
        app.MapGet("/api/webchat/conversations/{conversationId}/outbox", ReadOutboxAsync);
    }

    private static async Task<IResult> HandleTurnAsync(HttpContext http, TurnPipeline pipeline, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message trop volumineux.");
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(LimitedStream(http.Request.Body), cancellationToken: ct) as JsonObject;
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

        var conversationId = Str(body, "conversationId");
        var userId = Str(body, "userId");
        if (conversationId is null || !SafeId().IsMatch(conversationId) || userId is null || !SafeId().IsMatch(userId))
            return Problem(StatusCodes.Status400BadRequest, "conversationId et userId sont obligatoires (lettres, chiffres, « - _ . : @ », 128 caractères au plus).");

        var (clicked, prompt, form) = body["value"] is JsonObject value
            ? SubmitData.Read(JsonSerializer.SerializeToElement<JsonNode>(value))
            : (null, null, new Dictionary<string, string>());
        var text = clicked ?? Str(body, "text");
        var turn = new IncomingTurn
        {
            Channel = Channel,
            ConversationId = conversationId,
            UserId = userId,
            UserName = Str(body, "userName"),
            Text = text,
            FormValues = form,
            PromptId = prompt,
            TimeZone = Str(body, "timeZone"),
        };
        var replies = await pipeline.HandleAsync(turn, ct);
        return Results.Json(new JsonObject { ["replies"] = new JsonArray(replies.Select(r => (JsonNode)ToJson(r)).ToArray()) });
    }

    private static async Task<IResult> ReadOutboxAsync(string conversationId, long? after, BotDbContext db, CancellationToken ct)
    {
        if (!SafeId().IsMatch(conversationId)) return Problem(StatusCodes.Status400BadRequest, "Identifiant de conversation invalide.");
        var since = after ?? 0;
        var messages = await db.WebChatOutbox
            .Where(m => m.ConversationId == conversationId && m.Id > since)
            .OrderBy(m => m.Id)
            .Take(50)
            .ToListAsync(ct);
        return Results.Json(new JsonObject
        {
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Id,
                ["reply"] = JsonNode.Parse(m.PayloadJson),
            }).ToArray()),
        });
    }

    /// <summary>A reply as the page draws it: text bubble, Adaptive Card, suggested buttons.</summary>
    public static JsonObject ToJson(Reply reply)
    {
        var json = new JsonObject();
        if (!string.IsNullOrWhiteSpace(reply.Text)) json["text"] = reply.Text;
        if (reply.Card is not null) json["card"] = AdaptiveCardRenderer.Render(reply.Card);
        if (reply.SuggestedActions.Count > 0)
            json["suggestedActions"] = new JsonArray(reply.SuggestedActions
                .Select(a => (JsonNode)new JsonObject { ["label"] = a.Label, ["value"] = a.Value }).ToArray());
        return json;
    }

    private static Stream LimitedStream(Stream body) => new LengthLimitedStream(body, MaxBodyBytes);

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IResult Problem(int status, string detail) =>
        Results.Json(new { error = detail }, statusCode: status);

    [GeneratedRegex(@"^[A-Za-z0-9_\-.:@]{1,128}$")]
    private static partial Regex SafeId();
}
