using System.Text.Json;
using Communaute.Bot.WebChat;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Teams;

/// <summary>POST /api/messages: size limit, authentication, parsing, then the activity handler.</summary>
public static class TeamsEndpoints
{
    public const string Route = "/api/messages";

    public static async Task<IResult> ReceiveAsync(HttpContext http, TeamsAuthenticator auth, TeamsActivityHandler handler,
        IOptions<TeamsOptions> options, ILogger<TeamsAuthenticator> logger, CancellationToken ct)
    {
        var o = options.Value;
        AuthResult? token = null;
        if (o.AuthenticationEnabled)
        {
            token = await auth.ValidateTokenAsync(http.Request.Headers.Authorization, ct);
            if (!token.Ok) return Unauthorized(logger, http, token.Reason!);
        }

        if (http.Request.ContentLength > o.MaxBodyBytes) return Error(413, "Activité trop volumineuse.");
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(new LengthLimitedStream(http.Request.Body, o.MaxBodyBytes), ActivityJson.Options, ct);
        }
        catch (InvalidDataException) { return Error(413, "Activité trop volumineuse."); }
        catch (JsonException e)
        {
            logger.LogWarning("Teams : activité illisible ({Error})", e.Message);
            return Error(400, "Activité illisible : un objet JSON attendu, chaque clé une seule fois.");
        }
        if (activity is null) return Error(400, "Activité illisible : objet JSON attendu.");

        if (token is not null)
        {
            var bound = await auth.ValidateActivityAsync(token, activity, ct);
            if (!bound.Ok) return Unauthorized(logger, http, bound.Reason!);
        }

        var response = await handler.HandleAsync(activity, ct);
        if (response.Error is not null) return Error(response.Status, response.Error);
        return response.Body is null ? Results.StatusCode(response.Status) : Results.Json(response.Body, statusCode: response.Status);
    }

    private static IResult Unauthorized(ILogger logger, HttpContext http, string reason)
    {
        http.RequestServices.GetRequiredService<Security.RejectionLog>().Record("Teams (401)", reason, http.Connection.RemoteIpAddress);
        return Error(401, "Authentification refusée.");
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
