using Communaute.Bot.Sessions.Features;
using Communaute.Dialogs.Intents;
using Communaute.Bot.WebChat;
using System.Collections.Concurrent;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Delivery;
using Communaute.Bot.Digest;
using Communaute.Bot.Sessions;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>
/// The sessions capability as the digest sees it (its contract, ISessionDirectory), until the sessions work is merged:
/// open sessions set by the test, bookings recorded by <see cref="FakeBookingFeature"/> with their source.
/// </summary>
public sealed class FakeSessionDirectory : ISessionDirectory
{
    public List<OpenSessionSummary> Sessions { get; } = [];
    public ConcurrentQueue<(long SessionId, string? Source, Instant At)> Bookings { get; } = new();

    public Task<IReadOnlyList<OpenSessionSummary>> UpcomingWithOpenSeatsAsync(Instant from, Instant to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OpenSessionSummary>>(Sessions.Where(s => s.Start >= from && s.Start < to && s.SeatsLeft > 0).OrderBy(s => s.Start).ToList());

    public string BookingChoiceValue(long sessionId, string? source = null) => source is null ? $"réserver la session {sessionId}" : $"réserver la session {sessionId} via {source}";

    public Task<int> CountBookingsFromAsync(string source, Instant since, CancellationToken ct) =>
        Task.FromResult(Bookings.Count(b => b.Source == source && b.At >= since));

    public static OpenSessionSummary Session(long id, string title, Instant start, int seatsLeft = 3) =>
        new(id, title, "Trouver ses premiers financements", start, Duration.FromHours(2), DigestCalendar.Paris, seatsLeft, 8, "Camille");
}

/// <summary>
/// Stands for the sessions feature's booking path: the <see cref="BookSeat"/> a digest button carries (it comes before the
/// sessions feature), or "réserver la session N via digest:7" typed, books with that source.
/// </summary>
public sealed class FakeBookingFeature(FakeSessionDirectory sessions) : ITurnFeature, IIntentHandler
{
    public int Order => 190;

    public IReadOnlyCollection<Type> Intents => [typeof(BookSeat)];

    public Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        var book = (BookSeat)intent;
        sessions.Bookings.Enqueue((book.SessionId, book.Source, context.Now));
        context.Say($"Réservé : session {book.SessionId}.");
        return Task.FromResult(true);
    }

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (TextMatching.After(context.Text, "réserver la session") is not { Length: > 0 } rest) return Task.FromResult(false);
        var parts = rest.Split(" via ", 2);
        sessions.Bookings.Enqueue((long.Parse(parts[0]), parts.Length > 1 ? parts[1] : null, context.Now));
        context.Say($"Réservé : session {parts[0]}.");
        return Task.FromResult(true);
    }
}

/// <summary>
/// A bot with a fake Teams connector and a fake Slack Web API, a fake sessions directory, and three facilitators:
/// Fanny on the web chat page, Teo on Teams, Sacha on Slack. Members: Alice on the web chat page.
/// </summary>
public sealed class DigestTestBed : IAsyncDisposable
{
    public const string TeamsFacilitator = "29:teo";
    public const string SlackFacilitator = "UFAC";

    public BotTestHost Host { get; private set; } = null!;
    public FakeBotFramework Teams { get; private set; } = null!;
    public FakeSlackApi Slack { get; private set; } = null!;
    public FakeSessionDirectory Sessions { get; } = new();
    public TestChat Fanny { get; private set; } = null!;
    public TestChat Alice { get; private set; } = null!;

    public static async Task<DigestTestBed> StartAsync(Instant now, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var bed = new DigestTestBed { Teams = await FakeBotFramework.StartAsync(), Slack = await FakeSlackApi.StartAsync(), Extra = settings };
        bed.Host = await BotTestHost.StartAsync(bed.Settings(settings), s => bed.AddServices(s, services));
        bed.Host.Clock.Reset(now);
        bed.Fanny = new TestChat(bed.Host, "fanny", "Fanny", channel: "webchat");
        bed.Alice = new TestChat(bed.Host, "alice", "Alice", channel: "webchat");
        // Everyone has talked to the bot once, so it knows them and where to write to them.
        await bed.Fanny.Says("bonjour");
        await bed.Alice.Says("bonjour");
        return bed;
    }

    public Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = SlackTestHost.Settings(Slack);
        settings["Community:Facilitators:0"] = "webchat:fanny";
        settings["Community:Facilitators:1"] = $"msteams:{TeamsFacilitator}";
        settings["Community:Facilitators:2"] = $"slack:{SlackFacilitator}";
        settings["Teams:RetryBaseDelay"] = "00:00:00.010";
        settings["Teams:MaxRetries"] = "1";
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    public void AddServices(IServiceCollection services, Action<IServiceCollection>? more = null)
    {
        services.AddSingleton(Sessions);
        services.AddSingleton<ISessionDirectory>(Sessions);
        services.AddScoped<ITurnFeature, FakeBookingFeature>();
        more?.Invoke(services);
    }

    /// <summary>A second bot instance on the same database and the same outside services (another server).</summary>
    public async Task<BotTestHost> StartSecondHostAsync()
    {
        var settings = Settings(Extra);
        if (!settings.ContainsKey("Storage:ConnectionString"))
            settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(Host.DataDirectory, "bot.db")}";
        var second = await BotTestHost.StartAsync(settings, s => AddServices(s));
        second.Clock.Reset(Host.Clock.GetCurrentInstant());
        return second;
    }

    private IDictionary<string, string?>? Extra { get; set; }

    /// <summary>Runs what is due and delivers what it wrote to the outbox.</summary>
    public Task RunDueWorkAsync() => Host.RunDueWorkAsync();

    /// <summary>Moves the fake clock to a Paris wall-clock time.</summary>
    public void At(int year, int month, int day, int hour, int minute = 0) =>
        Host.Clock.Reset(new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DigestCalendar.Paris).ToInstant());

    public static string TeamsChannelId(string name) => $"19:{name}@thread.tacv2";

    /// <summary>A facilitator mentions the bot in a Teams channel (the turn stores the conversation reference).</summary>
    public Task<IReadOnlyList<Reply>> SaysInTeamsChannelAsync(string channel, string text, string user = TeamsFacilitator) => Host.Turns.HandleAsync(new IncomingTurn
    {
        Channel = TeamsChannel.ChannelId, ConversationId = TeamsChannelId(channel), UserId = user, UserName = "Teo", Text = text, IsGroup = true,
        ConversationReference = new TeamsConversationReference
        {
            ServiceUrl = Teams.ServiceUrl, ConversationId = TeamsChannelId(channel), BotId = "28:bot", BotName = "Communauté",
            TenantId = "tenant-1", UserId = user, ConversationType = "channel",
        }.ToJson(),
    });

    /// <summary>A facilitator mentions the bot in a Slack channel.</summary>
    public Task<IReadOnlyList<Reply>> SaysInSlackChannelAsync(string channel, string text, string user = SlackFacilitator) => Host.Turns.HandleAsync(new IncomingTurn
    {
        Channel = SlackInboxHandler.Channel, ConversationId = channel, UserId = user, UserName = "Sacha", Text = text, IsGroup = true,
        ConversationReference = SlackInboxHandler.Reference(channel, "T1"),
    });

    /// <summary>Messages the bot posted in a Teams conversation (proactive sends, not replies in a turn).</summary>
    public List<ConnectorCall> TeamsPostsTo(string channel) =>
        Teams.Messages.Where(c => c.Method == "POST" && c.RawPath.Contains(Uri.EscapeDataString(TeamsChannelId(channel)))).ToList();

    public List<SlackCall> SlackPostsTo(string channel) => Slack.CallsTo("chat.postMessage").Where(c => c.Str("channel") == channel).ToList();

    /// <summary>What the bot sent Fanny outside her turns (delivered by the outbox to her page's transcript), as text.</summary>
    public async Task<List<string>> FannyInboxAsync()
    {
        await Host.DeliverOutboxAsync();
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        // What the bot sent her on its own: her turns' own replies (on the page, in her transcript too) left out.
        var replies = await db.Set<OutboxMessage>().Where(o => o.Channel == "webchat" && o.IdempotencyKey.StartsWith("turn:") && o.PlatformMessageId != null)
            .Select(o => o.PlatformMessageId!).ToListAsync();
        var payloads = (await db.Set<WebChatMessage>().Where(m => m.ConversationId == "conv-fanny" && m.From == WebChatSender.Bot).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.PayloadJson }).ToListAsync())
            .Where(m => !replies.Contains(m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(m => m.PayloadJson).ToList();
        return payloads.Select(Readable).ToList();
    }

    /// <summary>JSON with its accents as written (the stored payloads escape them).</summary>
    public static string Readable(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async Task<T> WithDbAsync<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    /// <summary>A member's question the base could not answer, asked at the current time.</summary>
    public Task<BotSaid> UnansweredAsync(string question) => Alice.Says(question);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Teams.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
