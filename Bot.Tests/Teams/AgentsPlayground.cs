using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// The Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground) started browser-less on a free port
/// and driven through the API its own web page uses: POST /_conversation/v1/conversations/{id}/messages sends as
/// the user, POST /_conversation/v1/submit clicks an Action.Submit, the WebSocket
/// /_ws_conversation/v1/conversations/stream streams what the bot posts. Disposing always stops the process.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    public const string UserId = "user-id-0";

    /// <summary>A second member of the Playground's tenant (its default users), to be the current user of a second Playground.</summary>
    public static readonly PlaygroundUser Megan = new("user-id-1", "Megan", "Bowen", "00000000-0000-0000-0000-0000000000021");

    private static readonly PlaygroundUser Alex = new(UserId, "Alex", "Wilber", "00000000-0000-0000-0000-0000000000020");

    /// <summary>The tenant's users in the Playground's default configuration (its schema wants at least five besides the current one).</summary>
    private static readonly PlaygroundUser[] TenantUsers =
    [
        Alex, Megan, new("user-id-2", "Adele", "Vance", "00000000-0000-0000-0000-0000000000022"),
        new("user-id-3", "Isaiah", "Langer", "00000000-0000-0000-0000-0000000000023"),
        new("user-id-4", "Patti", "Fernandez", "00000000-0000-0000-0000-0000000000024"),
        new("user-id-5", "Lynne", "Robbins", "00000000-0000-0000-0000-0000000000025"),
    ];
    private readonly string _me;
    private string? _configPath;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<JsonObject> _stream = Channel.CreateUnbounded<JsonObject>();
    private Task? _reader;

    public HttpClient Http { get; }
    public JsonObject Config { get; private set; } = new();
    public string Output { get { lock (_output) return _output.ToString(); } }

    private AgentsPlayground(Process process, int port, string me)
    {
        _process = process;
        _me = me;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Starts a Playground whose user is Alex Wilber, or <paramref name="currentUser"/>: the Playground always speaks as its
    /// current user, so two members of one tenant are two Playgrounds, each with its own 1:1 and connector.
    /// </summary>
    public static async Task<AgentsPlayground> StartAsync(Uri botBase, string personalConversationId, PlaygroundUser? currentUser = null)
    {
        await ExternalTools.RequireNodeToolsAsync();
        var port = Communaute.Bot.Verbs.Bench.BotChildProcess.FreePort();
        var psi = new ProcessStartInfo(Path.Combine(RepoPaths.TestTools, "node_modules", ".bin", "agentsplayground"))
        {
            WorkingDirectory = RepoPaths.TestTools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-e", new Uri(botBase, "api/messages").ToString(), "-c", "msteams", "--disable-telemetry",
                                  "-p", port.ToString(), "--conversation-id", personalConversationId })
            psi.ArgumentList.Add(a);
        psi.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var config = currentUser is null ? null : WriteConfig(currentUser, personalConversationId);
        if (config is not null) psi.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = config;
        var process = Process.Start(psi)!;
        var playground = new AgentsPlayground(process, port, (currentUser ?? Alex).Id) { _configPath = config };
        process.OutputDataReceived += (_, e) => playground.Append(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await playground.WaitUntilReadyAsync();
            playground.Config = (await playground.Http.GetFromJsonAsync<JsonObject>("_internal/v1/config"))!["config"]!.AsObject();
            await playground._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_ws_conversation/v1/conversations/stream"), playground._stop.Token);
            playground._reader = playground.ReadStreamAsync();
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
        return playground;
    }

    /// <summary>Sends as the user; returns the id of the conversation the bot will answer in (a channel post opens a thread).</summary>
    public async Task<string> SayAsync(string conversationId, string text, bool mentionBot = false)
    {
        var body = new JsonObject { ["from"] = new JsonObject { ["id"] = _me }, ["textFormat"] = "plain" };
        if (mentionBot)
        {
            var bot = Config["bot"]!;
            var tag = $"<at>{bot["name"]}</at>";
            body["text"] = $"{tag} {text}";
            body["mentions"] = new JsonArray(new JsonObject { ["mentioned"] = new JsonObject { ["id"] = (string?)bot["id"] }, ["text"] = tag });
        }
        else body["text"] = text;
        var response = await Http.PostAsJsonAsync($"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"Playground : {(int)response.StatusCode} {json}");
        return (string?)json!["postConversationId"] ?? conversationId;
    }

    /// <summary>Clicks an Action.Submit of a card the bot posted, as the Playground's page does.</summary>
    public async Task SubmitAsync(string conversationId, string messageId, JsonObject data)
    {
        var response = await Http.PostAsJsonAsync("_conversation/v1/submit", new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = new JsonObject { ["id"] = _me },
            ["replyToId"] = messageId,
            ["value"] = data.DeepClone(),
        });
        Assert.True(response.IsSuccessStatusCode, $"Playground submit : {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private readonly List<JsonObject> _passedOver = [];

    /// <summary>
    /// The first message the bot posted in a conversation <paramref name="inConversation"/> accepts whose JSON contains
    /// <paramref name="text"/>, in the order the Playground received them. Messages passed over (a welcome, or one in
    /// another conversation that arrived first: the outbox sends to conversations in parallel) stay for later calls.
    /// </summary>
    public async Task<JsonObject> NextBotMessageSayingAsync(Func<string, bool> inConversation, string text, TimeSpan? timeout = null)
    {
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        bool Matches(JsonObject item) => (string?)item["action"] == "createMessage" && item["actionConversationId"] is JsonValue id
            && inConversation((string)id!) && item["message"]!.ToJsonString(relaxed).Contains(text, StringComparison.Ordinal);
        if (_passedOver.FirstOrDefault(Matches) is { } earlier)
        {
            _passedOver.Remove(earlier);
            return earlier["message"]!.AsObject();
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var item = await _stream.Reader.ReadAsync(cts.Token);
                if (Matches(item)) return item["message"]!.AsObject();
                if ((string?)item["action"] == "createMessage") _passedOver.Add(item);
            }
        }
        catch (OperationCanceledException)
        {
            var seen = _passedOver.Select(i => $"({i["actionConversationId"]}) " + i["message"]!.ToJsonString(relaxed)).Select(j => j.Length > 300 ? j[..300] + "…" : j);
            throw new TimeoutException($"Le bot n'a pas dit « {text} ». Il a dit :\n{string.Join("\n", seen)}\nSortie du Playground :\n{Output}");
        }
    }

    /// <summary>The next message the bot posted in the conversation (typing indicators skipped).</summary>
    public Task<JsonObject> NextBotMessageAsync(string conversationId, TimeSpan? timeout = null) =>
        NextBotMessageSayingAsync(id => id == conversationId, "", timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>The Action.Submit buttons of a card (or of any part of a message), in order.</summary>
    public static IEnumerable<JsonObject> Submits(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.Submit" && o["data"] is JsonObject => [o],
        JsonObject o => o.SelectMany(p => Submits(p.Value)),
        JsonArray a => a.SelectMany(Submits),
        _ => [],
    };

    /// <summary>The Playground's default configuration (same tenant, bot, users and team) with another current user.</summary>
    private static string WriteConfig(PlaygroundUser me, string personalChat)
    {
        static string User(PlaygroundUser u, string indent) =>
            $"{indent}id: {u.Id}\n  name: {u.GivenName} {u.Surname}\n  userPrincipleName: {u.GivenName.ToLowerInvariant()}@example.com\n  aadObjectId: {u.AadObjectId}\n"
            + $"  givenName: {u.GivenName}\n  surname: {u.Surname}\n  email: {u.GivenName.ToLowerInvariant()}@example.com\n";
        var others = TenantUsers.Where(u => u.Id != me.Id);
        var yaml = "version: \"0.1.1\"\ntenantId: 00000000-0000-0000-0000-0000000000001\nbot:\n  id: 00000000-0000-0000-0000-00000000000011\n  name: Test Bot\n"
                   + "currentUser:\n" + User(me, "  ")
                   + "users:\n" + string.Concat(others.Select(u => User(u, "  - ").Replace("\n  ", "\n    ")))
                   + $"personalChat:\n  id: {personalChat}\ngroupChat:\n  id: __GROUP_CHAT_ID__\n  name: Group Chat\n"
                   + "team:\n  id: team-id\n  name: My Team\n  aadGroupId: 00000000-0000-0000-0000-000000000031\n  channels:\n    - id: channel-announcements-id\n      name: Announcements\n";
        var path = Path.Combine(Path.GetTempPath(), $"playground-{me.Id}-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private async Task ReadStreamAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (JsonNode.Parse(message.ToArray()) is JsonObject item) _stream.Writer.TryWrite(item);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

    private async Task WaitUntilReadyAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Le Playground s'est arrêté ({_process.ExitCode}) :\n{Output}");
            try
            {
                if (await Http.GetStringAsync("_debug/ping") == "pong") return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("Le Playground ne répond pas sur /_debug/ping :\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        if (_reader is not null) await _reader;
        _socket.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        Http.Dispose();
        if (_configPath is not null) File.Delete(_configPath);
        _stop.Dispose();
    }
}

/// <summary>A user of the Playground's tenant, as its configuration file names them.</summary>
public sealed record PlaygroundUser(string Id, string GivenName, string Surname, string AadObjectId);
