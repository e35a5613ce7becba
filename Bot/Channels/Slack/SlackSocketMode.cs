using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Socket Mode: the bot opens a WebSocket to Slack (apps.connections.open with the app-level token) instead of
/// exposing public endpoints. Each envelope is acknowledged with its envelope_id (and the modal's answer as payload)
/// after the same acknowledgement path as HTTP; a "disconnect" message or a broken socket leads to a new connection.
/// </summary>
public sealed class SlackSocketModeService(IServiceScopeFactory scopes, IOptions<SlackOptions> options, ILogger<SlackSocketModeService> logger)
    : BackgroundService
{
    /// <summary>Number of connections opened so far (tests watch reconnections).</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketMode) return;
        if (string.IsNullOrWhiteSpace(options.Value.AppToken))
        {
            logger.LogError("Slack : Socket Mode demandé mais Slack:AppToken (xapp-…) n'est pas configuré");
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                string url;
                await using (var scope = scopes.CreateAsyncScope())
                    url = await scope.ServiceProvider.GetRequiredService<SlackApiClient>().OpenSocketConnectionAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
                await socket.ConnectAsync(new Uri(url), stoppingToken);
                Connections++;
                failures = 0;
                var reason = await ReceiveAsync(socket, stoppingToken);
                logger.LogInformation("Slack Socket Mode : connexion fermée ({Reason}), reconnexion", reason);
                if (socket.State == WebSocketState.Open)
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnect", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None)
                        .ContinueWith(_ => { }, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5)) / 2));
                logger.LogWarning("Slack Socket Mode : {Error} ; nouvel essai dans {Seconds} s", e.Message, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) return "fermée par Slack";
            message.Write(buffer, 0, result.Count);
            if (message.Length > 4 * 1024 * 1024) return "message trop long";
            if (!result.EndOfMessage) continue;
            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (SlackJson.ParseObject(text) is not { } envelope)
            {
                logger.LogWarning("Slack Socket Mode : message illisible ignoré");
                continue;
            }
            switch (SlackInbound.Str(envelope["type"]))
            {
                case "hello":
                    logger.LogInformation("Slack Socket Mode : connecté");
                    continue;
                case "disconnect":
                    return "disconnect : " + SlackInbound.Str(envelope["reason"]);
            }
            if (SlackInbound.Str(envelope["envelope_id"]) is not { } envelopeId) continue;
            var ack = new JsonObject { ["envelope_id"] = envelopeId };
            var answer = await DispatchAsync(envelope, ct);
            if (answer?.Body is { } body && envelope["accepts_response_payload"] is JsonValue accepts && accepts.TryGetValue<bool>(out var yes) && yes)
                ack["payload"] = body;
            else if (answer?.Body is { } modalAnswer && SlackInbound.Str(envelope["type"]) == "interactive")
                ack["payload"] = modalAnswer;
            await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, ct);
        }
        return "arrêt";
    }

    private async Task<SlackAck?> DispatchAsync(JsonObject envelope, CancellationToken ct)
    {
        var type = SlackInbound.Str(envelope["type"]);
        if (envelope["payload"] is not JsonObject payload)
        {
            logger.LogWarning("Slack Socket Mode : enveloppe {Type} sans payload", type);
            return null;
        }
        await using var scope = scopes.CreateAsyncScope();
        var inbound = scope.ServiceProvider.GetRequiredService<SlackInbound>();
        try
        {
            var ack = type switch
            {
                "events_api" => await inbound.OnEventAsync(payload, ct),
                "slash_commands" => await inbound.OnCommandAsync(payload.ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v ? v.ToString() : kv.Value?.ToJsonString() ?? ""), ct),
                "interactive" => await inbound.OnInteractionAsync(payload, ct),
                _ => null,
            };
            if (ack is null) logger.LogInformation("Slack Socket Mode : enveloppe « {Type} » ignorée", type);
            else if (ack.Error is not null) logger.LogWarning("Slack Socket Mode : {Type} refusé : {Error}", type, ack.Error);
            return ack;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Slack Socket Mode : enveloppe {Type} non enregistrée", type);
            return null;
        }
    }
}
