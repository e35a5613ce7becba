using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Slack;

/// <summary>The real bot, listening, configured for Slack against a <see cref="FakeSlackApi"/>; sends signed requests like Slack.</summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotUserId = "UBOT";

    public BotTestHost Host { get; private set; }
    public FakeSlackApi Slack { get; }
    public HttpClient Http { get; private set; }
    public TurnRecorder Turns { get; }
    private int _events;

    private SlackTestHost(BotTestHost host, FakeSlackApi slack, TurnRecorder turns)
    {
        Host = host;
        Slack = slack;
        Turns = turns;
        Http = host.CreateClient();
    }

    public static Dictionary<string, string?> Settings(FakeSlackApi slack, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:AppToken"] = "xapp-test",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
            ["Slack:BotUserId"] = BotUserId,
            ["Slack:MinIntervalPerChannelMs"] = "0",
            ["Slack:ResponseUrlPrefixes:0"] = slack.Root + "/hooks/",
            ["Delivery:RetryBaseDelay"] = "00:00:00",
            ["Delivery:PollInterval"] = "00:00:00.050",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    public static async Task<SlackTestHost> StartAsync(IDictionary<string, string?>? extra = null, FakeSlackApi? slack = null,
        Action<IServiceCollection>? services = null)
    {
        slack ??= await FakeSlackApi.StartAsync();
        var turns = new TurnRecorder();
        var host = await BotTestHost.StartAsync(Settings(slack, extra), s =>
        {
            AddScripted(s, turns);
            services?.Invoke(s);
        }, listen: true);
        return new SlackTestHost(host, slack, turns);
    }

    public async Task RestartAsync(IDictionary<string, string?>? extra = null)
    {
        Http.Dispose();
        Host = await Host.RestartAsync(Settings(Slack, extra), s => AddScripted(s, Turns), listen: true);
        Http = Host.CreateClient();
    }

    private static void AddScripted(IServiceCollection services, TurnRecorder turns)
    {
        services.AddSingleton(turns);
        services.AddFeature<ScriptedFeature>();
    }

    public long Now => Host.Clock.GetCurrentInstant().ToUnixTimeSeconds();

    public Task<HttpResponseMessage> PostSignedAsync(string path, byte[] body, string contentType, string? secret = Secret, long? timestamp = null,
        bool withHeaders = true, IDictionary<string, string>? headers = null)
    {
        var ts = timestamp ?? Now;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (withHeaders)
        {
            request.Headers.Add(SlackSignature.TimestampHeader, ts.ToString());
            request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret ?? Secret, ts, body));
        }
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.Add(k, v);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventAsync(JsonObject envelope, IDictionary<string, string>? headers = null) =>
        PostSignedAsync("slack/events", Encoding.UTF8.GetBytes(envelope.ToJsonString()), "application/json", headers: headers);

    public Task<HttpResponseMessage> PostCommandAsync(IDictionary<string, string> form) =>
        PostSignedAsync("slack/commands", FormBytes(form), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> PostInteractionAsync(JsonObject payload) =>
        PostSignedAsync("slack/interactivity", FormBytes(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }), "application/x-www-form-urlencoded");

    public static byte[] FormBytes(IDictionary<string, string> form) =>
        Encoding.UTF8.GetBytes(string.Join("&", form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value).Replace("%20", "+"))));

    public string NextEventId() => "Ev" + Interlocked.Increment(ref _events).ToString("D6");

    public static JsonObject Envelope(string eventId, JsonObject ev) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = "T1",
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1795000000,
        ["event"] = ev,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = BotUserId, ["is_bot"] = true }),
    };

    public static JsonObject Mention(string user, string channel, string text, string ts, string? threadTs = null)
    {
        var ev = new JsonObject
        {
            ["type"] = "app_mention", ["user"] = user, ["text"] = $"<@{BotUserId}> {text}", ["ts"] = ts, ["channel"] = channel,
            ["channel_type"] = "channel", ["event_ts"] = ts,
        };
        if (threadTs is not null) ev["thread_ts"] = threadTs;
        return ev;
    }

    public static JsonObject DirectMessage(string user, string channel, string text, string ts) => new()
    {
        ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["channel_type"] = "im", ["event_ts"] = ts,
    };

    public static Dictionary<string, string> Command(string text, string user = "U1", string channel = "C1", string? responseUrlId = null, FakeSlackApi? slack = null) => new()
    {
        ["token"] = "legacy", ["team_id"] = "T1", ["team_domain"] = "communaute", ["channel_id"] = channel, ["channel_name"] = "general",
        ["user_id"] = user, ["user_name"] = "alice", ["command"] = "/communaute", ["text"] = text, ["api_app_id"] = "A1",
        ["response_url"] = slack?.ResponseUrl(responseUrlId ?? "cmd") ?? "", ["trigger_id"] = "trig." + Guid.NewGuid().ToString("N"),
    };

    /// <summary>A click on a button of a message the bot posted (the button JSON as the bot rendered it).</summary>
    public JsonObject Click(JsonObject button, string user, string channel, bool ephemeral = false, string? threadTs = null) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = "alice", ["name"] = "alice", ["team_id"] = "T1" },
        ["api_app_id"] = "A1",
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "communaute" },
        ["container"] = new JsonObject
        {
            ["type"] = "message", ["message_ts"] = "1795000000.000001", ["channel_id"] = channel, ["is_ephemeral"] = ephemeral,
            ["thread_ts"] = threadTs,
        },
        ["trigger_id"] = "trig." + Guid.NewGuid().ToString("N"),
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" },
        ["response_url"] = Slack.ResponseUrl("click"),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = button["action_id"]?.DeepClone(), ["block_id"] = "b1", ["text"] = button["text"]?.DeepClone(),
            ["value"] = button["value"]?.DeepClone(), ["type"] = "button", ["action_ts"] = "1795000001.000001",
        }),
    };

    /// <summary>The buttons of the blocks of a call.</summary>
    public static List<JsonObject> Buttons(SlackCall call) => call.Blocks.OfType<JsonObject>()
        .Where(b => b["type"]?.ToString() == "actions")
        .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).ToList();

    public async Task<List<InboxItem>> InboxAsync()
    {
        using var scope = Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<InboxItem>().AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        using var scope = Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>Every turn the pipeline received, in order.</summary>
public sealed class TurnRecorder
{
    public ConcurrentQueue<IncomingTurn> All { get; } = new();
}

/// <summary>
/// A test feature first in line: records every turn and answers a few fixed words with the reply shapes Slack must
/// render (choices with a prompt, a form, a long answer); other words go on to the real features.
/// </summary>
public sealed class ScriptedFeature(TurnRecorder recorder) : ITurnFeature
{
    public const string FormPrompt = "p-form";
    public const string ChoicePrompt = "p-choice";
    public int Order => -1000;

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        recorder.All.Enqueue(context.Turn);
        switch (context.Text)
        {
            case "choix":
                context.Send(Reply.Show(new Card
                {
                    Title = "Votre niveau ?",
                    PromptId = ChoicePrompt,
                    Choices = [new Choice("Faible", "faible"), new Choice("Fort", "fort", ChoiceStyle.Primary)],
                }));
                return Task.FromResult(true);
            case "formulaire":
                context.Send(Reply.Show(SampleCards.Form));
                return Task.FromResult(true);
            case "long":
                context.Send(Reply.Say(SampleCards.LongText));
                return Task.FromResult(true);
            case "deux":
                context.Say("premier message");
                context.Say("second message");
                return Task.FromResult(true);
            case "ping":
                context.Say("pong & <réponse>");
                return Task.FromResult(true);
        }
        if (context.Turn.PromptId == FormPrompt)
        {
            context.Say("Merci " + string.Join(", ", context.Turn.FormValues.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
            return Task.FromResult(true);
        }
        if (context.Turn.PromptId == ChoicePrompt)
        {
            context.Say("Choisi : " + context.Text);
            return Task.FromResult(true);
        }
        return Task.FromResult(false);
    }
}

public static class SampleCards
{
    public static readonly Card Form = new()
    {
        Title = "Proposer un problème pour la session",
        PromptId = ScriptedFeature.FormPrompt,
        SubmitValue = "envoyer problème",
        SubmitLabel = "Envoyer",
        Sections = [new CardSection("Le codéveloppement", "Décrivez le problème que vous voulez apporter au groupe.")],
        Inputs =
        [
            new CardInput("titre", "Titre du problème") { Required = true, MaxLength = 80, Placeholder = "En quelques mots" },
            new CardInput("detail", "Détail", InputKind.MultilineText) { MaxLength = 1000 },
            new CardInput("role", "Rôle", InputKind.Choice) { Required = true, Options = [new Choice("Client", "client"), new Choice("Consultant", "consultant")] },
            new CardInput("places", "Nombre de places", InputKind.Number),
            new CardInput("rappel", "Me rappeler la veille", InputKind.Toggle),
        ],
    };

    public static readonly string LongText = string.Join("\n\n", Enumerable.Range(1, 120).Select(i =>
        $"**Point {i}** — L'innovation sociale consiste à élaborer des réponses nouvelles à des besoins sociaux mal satisfaits, " +
        $"dans les conditions actuelles du marché & des politiques sociales, avec <la participation> des acteurs concernés. " +
        string.Concat(Enumerable.Repeat("Texte de remplissage pour allonger la réponse. ", i % 7 == 0 ? 80 : 3))));
}
