using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// /slack/events, /slack/commands and /slack/interactivity: the signature is checked on the raw bytes before anything
/// is parsed; then the request is acknowledged at once (the work is queued).
/// </summary>
public static class SlackEndpoints
{
    public const int MaxBodyBytes = 512 * 1024;

    public static void MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/events", http => HandleAsync(http, Kind.Events));
        app.MapPost("/slack/commands", http => HandleAsync(http, Kind.Commands));
        app.MapPost("/slack/interactivity", http => HandleAsync(http, Kind.Interactivity));
    }

    private enum Kind { Events, Commands, Interactivity }

    private static async Task HandleAsync(HttpContext http, Kind kind)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Communaute.Bot.Channels.Slack.SlackEndpoints");
        var ct = http.RequestAborted;
        if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            logger.LogError("Slack : requête reçue sur {Path} mais Slack:SigningSecret n'est pas configuré ; refusée", http.Request.Path);
            await Text(http, 503, "Slack n'est pas configuré sur ce serveur : le secret de signature (Slack:SigningSecret) manque, aucune requête n'est acceptée sans signature.");
            return;
        }
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await Text(http, 413, "Requête trop volumineuse.");
            return;
        }
        var body = await ReadBodyAsync(http.Request.Body, ct);
        if (body is null)
        {
            await Text(http, 413, "Requête trop volumineuse.");
            return;
        }
        if (kind == Kind.Commands && IsSslCheck(body))
        {
            // Slack checks the certificate of the command URL this way; nothing to do.
            http.Response.StatusCode = 200;
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetCurrentInstant().ToUnixTimeSeconds();
        var check = SlackSignature.Verify(options.SigningSecret,
            http.Request.Headers[SlackSignature.TimestampHeader].FirstOrDefault(),
            http.Request.Headers[SlackSignature.SignatureHeader].FirstOrDefault(), body, now);
        if (check != SignatureCheck.Valid)
        {
            services.GetRequiredService<Security.RejectionLog>().Record("Slack (401)", $"signature {check} sur {http.Request.Path}", http.Connection.RemoteIpAddress);
            await Text(http, 401, "Signature Slack invalide.");
            return;
        }
        if (http.Request.Headers["X-Slack-Retry-Num"].FirstOrDefault() is { } retry)
            logger.LogInformation("Slack : nouvel envoi n°{Retry} ({Reason})", retry, http.Request.Headers["X-Slack-Retry-Reason"].FirstOrDefault());

        var inbound = services.GetRequiredService<SlackInbound>();
        SlackAck ack;
        try
        {
            ack = kind switch
            {
                Kind.Events => SlackJson.ParseObject(body) is { } json ? await inbound.OnEventAsync(json, ct) : SlackAck.Bad("objet JSON attendu"),
                Kind.Commands => ParseForm(body, out var formError) is { } form ? await inbound.OnCommandAsync(form, ct) : SlackAck.Bad(formError),
                _ => ParseForm(body, out var formError) is not { } form ? SlackAck.Bad(formError)
                    : form.TryGetValue("payload", out var payload) && SlackJson.ParseObject(payload) is { } p
                        ? await inbound.OnInteractionAsync(p, ct)
                        : SlackAck.Bad("champ payload (objet JSON) attendu"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException && !Security.SecuritySetup.IsMalformedText(e))
        {
            // Not acknowledged: Slack will send it again.
            logger.LogError(e, "Slack : requête {Path} non enregistrée", http.Request.Path);
            await Text(http, 500, "Erreur interne : la requête sera renvoyée par Slack.");
            return;
        }
        if (ack.Error is not null) logger.LogWarning("Slack : requête {Path} refusée : {Error}", http.Request.Path, ack.Error);
        http.Response.StatusCode = ack.Status;
        if (ack.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(ack.Body.ToJsonString(), ct);
        }
        else if (ack.Error is not null)
            await Text(http, ack.Status, "Requête Slack illisible : " + ack.Error);
    }

    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>An application/x-www-form-urlencoded body; null (and why) when it is not one.</summary>
    public static Dictionary<string, string>? ParseForm(byte[] body, out string error)
    {
        error = "formulaire attendu";
        string text;
        try { text = new UTF8Encoding(false, true).GetString(body); }
        catch (DecoderFallbackException)
        {
            error = "formulaire illisible : UTF-8 invalide";
            return null;
        }
        if (text.Length == 0 || text.TrimStart().StartsWith('{')) return null;
        Dictionary<string, StringValues> form;
        try { form = new FormReader(text).ReadForm(); }
        catch (InvalidDataException e)
        {
            error = "formulaire illisible : " + e.Message;
            return null;
        }
        if (form.Count == 0) return null;
        return form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    /// <summary>Slack's SSL check of the command URL: "ssl_check=1" in the form.</summary>
    private static bool IsSslCheck(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        return text.Split('&').Any(pair => pair == "ssl_check=1");
    }

    private static async Task Text(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text);
    }
}
