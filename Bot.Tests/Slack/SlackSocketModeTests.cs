using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackSocketModeTests
{
    [Fact]
    public async Task Socket_mode_receives_acknowledges_and_reconnects_when_slack_asks()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var acks = new ConcurrentQueue<JsonObject>();
        var connections = 0;
        var secondDone = new TaskCompletionSource();
        slack.SocketHandler = async socket =>
        {
            var n = Interlocked.Increment(ref connections);
            await Send(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
            if (n == 1)
            {
                await Send(socket, new JsonObject
                {
                    ["envelope_id"] = "env-1", ["type"] = "events_api", ["accepts_response_payload"] = false, ["retry_attempt"] = 0,
                    ["payload"] = SlackTestHost.Envelope("EvSock1", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")),
                });
                acks.Enqueue(await Receive(socket));
                var command = SlackTestHost.Command("question ping", slack: slack, responseUrlId: "sock");
                await Send(socket, new JsonObject
                {
                    ["envelope_id"] = "env-2", ["type"] = "slash_commands", ["accepts_response_payload"] = true,
                    ["payload"] = new JsonObject(command.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
                });
                acks.Enqueue(await Receive(socket));
                // The same event again (Slack retry over the socket): acknowledged, not answered twice.
                await Send(socket, new JsonObject
                {
                    ["envelope_id"] = "env-1b", ["type"] = "events_api", ["retry_attempt"] = 1,
                    ["payload"] = SlackTestHost.Envelope("EvSock1", SlackTestHost.DirectMessage("U1", "D1", "ping", "1795000000.000100")),
                });
                acks.Enqueue(await Receive(socket));
                await Send(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });
                await DrainUntilClosed(socket);
            }
            else if (n == 2)
            {
                await Send(socket, new JsonObject
                {
                    ["envelope_id"] = "env-3", ["type"] = "events_api",
                    ["payload"] = SlackTestHost.Envelope("EvSock2", SlackTestHost.Mention("U2", "C7", "ping", "1795000000.000200")),
                });
                acks.Enqueue(await Receive(socket));
                secondDone.TrySetResult();
                await DrainUntilClosed(socket);
            }
        };

        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SocketMode"] = "true",
            ["Slack:SigningSecret"] = "",
        }, slack);

        await secondDone.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(new[] { "env-1", "env-2", "env-1b", "env-3" }, acks.Select(a => a["envelope_id"]!.GetValue<string>()).ToArray());
        Assert.Equal(2, connections);
        var opens = slack.CallsTo("apps.connections.open");
        Assert.Equal(2, opens.Count);
        Assert.All(opens, o => Assert.Equal("Bearer xapp-test", o.Authorization));

        var dm = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D1");
        Assert.Single(dm);
        var thread = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C7");
        Assert.Equal("1795000000.000200", Assert.Single(thread).Str("thread_ts"));
        var command = Assert.Single(await slack.WaitForAsync(c => c.Method == "response_url"));
        Assert.Equal("sock", command.Str("__hook"));
        Assert.Contains("pong", command.AllText);
    }

    [Fact]
    public async Task Socket_mode_returns_modal_validation_errors_in_the_envelope_acknowledgement()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var toSlack = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
        var fromBot = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
        slack.SocketHandler = async socket =>
        {
            await Send(socket, new JsonObject { ["type"] = "hello" });
            await foreach (var envelope in toSlack.Reader.ReadAllAsync())
            {
                await Send(socket, envelope);
                await fromBot.Writer.WriteAsync(await Receive(socket));
            }
        };
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SocketMode"] = "true", ["Slack:SigningSecret"] = "" }, slack);

        async Task<JsonObject> RoundTrip(string id, string type, JsonObject payload)
        {
            await toSlack.Writer.WriteAsync(new JsonObject { ["envelope_id"] = id, ["type"] = type, ["accepts_response_payload"] = type == "interactive", ["payload"] = payload });
            var ack = await fromBot.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(id, ack["envelope_id"]!.GetValue<string>());
            return ack;
        }

        await RoundTrip("e1", "events_api", SlackTestHost.Envelope("EvForm", SlackTestHost.DirectMessage("U1", "D1", "formulaire", "1795000000.000100")));
        var message = Assert.Single(await slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        var open = SlackTestHost.Buttons(message).Single(b => b["action_id"]!.ToString() == Communaute.Bot.Channels.Slack.SlackBlockKitRenderer.OpenFormAction);
        await RoundTrip("e2", "interactive", t.Click(open, "U1", "D1"));
        var view = Assert.Single(await slack.WaitForAsync(c => c.Method == "views.open")).Body["view"]!.AsObject();

        var submission = new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U1" },
            ["trigger_id"] = "trig-sub",
            ["view"] = new JsonObject
            {
                ["id"] = "V1", ["callback_id"] = view["callback_id"]!.DeepClone(), ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                ["state"] = new JsonObject { ["values"] = new JsonObject() },
            },
        };
        var ack = await RoundTrip("e3", "interactive", submission);
        Assert.Equal("errors", ack["payload"]!["response_action"]!.GetValue<string>());
        Assert.Equal("Ce champ est obligatoire.", ack["payload"]!["errors"]!["titre"]!.GetValue<string>());
        toSlack.Writer.Complete();
    }

    private static Task Send(WebSocket socket, JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonObject> Receive(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("socket fermée avant l'accusé de réception");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(message.ToArray())!.AsObject();
        }
    }

    private static async Task DrainUntilClosed(WebSocket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
            }
        }
        catch (WebSocketException) { }
    }
}
