using System.Collections.Concurrent;
using Communaute.Bot.Channels;
using Communaute.Bot.Delivery;
using Communaute.Bot.Rendering;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>What the bot sent on its own to the test channel's conversations (a fake of the channel, not of the bot).</summary>
public sealed class SentMessages
{
    public ConcurrentQueue<(string Conversation, Reply Reply)> All { get; } = new();

    /// <summary>Messages redrawn in place: the platform id of the message updated, and its new content.</summary>
    public ConcurrentQueue<(string PlatformMessageId, Reply Reply)> Updates { get; } = new();

    public IReadOnlyList<Reply> To(string conversation) => All.Where(m => m.Conversation == conversation).Select(m => m.Reply).ToList();

    /// <summary>Everything sent to a conversation, as plain text.</summary>
    public string TextTo(string conversation) => string.Join("\n\n", To(conversation).Select(r => PlainTextRenderer.Render(r).Text));

    public void Clear() { All.Clear(); Updates.Clear(); }
}

/// <summary>The "test" channel's sender: records what the outbox delivers there (updates too, under the original's id).</summary>
public sealed class RecordingConnector(SentMessages sent) : IChannelSender
{
    public string Channel => "test";

    public SendPacing Pacing => SendPacing.None;

    public Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        sent.All.Enqueue((message.Conversation.ChannelConversationId, message.Reply!));
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent("test-" + message.Row.Id, message.Conversation.ChannelConversationId));
    }

    public Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct)
    {
        sent.Updates.Enqueue((message.Original?.PlatformMessageId ?? "", message.Reply!));
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(message.Original?.PlatformMessageId, message.Conversation.ChannelConversationId));
    }

    public Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(message.Original?.PlatformMessageId, message.Conversation.ChannelConversationId));

    public Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct) =>
        Task.FromResult(DirectConversation.Failed(new DeliveryResult.Park(OutboxFailureKind.TargetGone, "pas de conversation à ouvrir sur le canal de test")));
}

/// <summary>A bot host for the sessions tests, with the test channel recorded, and helpers to read its state.</summary>
public static class SessionsHost
{
    public static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 9, 0);

    public static Task<BotTestHost> StartAsync(IDictionary<string, string?>? settings = null, bool listen = false) =>
        BotTestHost.StartAsync(settings, Recording, listen);

    public static void Recording(IServiceCollection services)
    {
        services.AddSingleton<SentMessages>();
        services.AddScoped<IChannelSender, RecordingConnector>();
    }

    public static SentMessages Sent(this BotTestHost host) => host.Services.GetRequiredService<SentMessages>();

    public static async Task<T> DbAsync<T>(this BotTestHost host, Func<BotDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public static Task<CoDevSession> SessionAsync(this BotTestHost host, long id) =>
        host.DbAsync(db => db.Set<CoDevSession>().AsNoTracking().SingleAsync(s => s.Id == id));

    public static Task<List<Booking>> BookingsAsync(this BotTestHost host, long sessionId) =>
        host.DbAsync(db => db.Set<Booking>().AsNoTracking().Where(b => b.SessionId == sessionId).OrderBy(b => b.Id).ToListAsync());

    /// <summary>The facilitator fills the session form (defaults for what is not given) and submits it; returns the new session's id.</summary>
    public static async Task<long> CreateSessionAsync(this TestChat facilitator, BotTestHost host, string title = "Co-développement des incubés",
        string date = "10/12/2026", string time = "14h00", IDictionary<string, string>? more = null)
    {
        await facilitator.Says("créer une session");
        var values = new Dictionary<string, string> { ["titre"] = title, ["date"] = date, ["heure"] = time, ["lieu"] = "https://visio.example.org/codev" };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        (await facilitator.Submits(values)).Answers("Session créée");
        return await host.DbAsync(db => db.Set<CoDevSession>().Where(s => s.Title == title).MaxAsync(s => s.Id));
    }
}

public static class SentMessagesExtensions
{
    /// <summary>Clicks a button of the last card the bot sent on its own to this member's conversation.</summary>
    public static Task<BotSaid> ClicksSent(this TestChat chat, BotTestHost host, string label)
    {
        foreach (var reply in host.Sent().To("conv-" + chat.UserId).Reverse())
        {
            var choice = (reply.Card?.Choices ?? []).Concat(reply.SuggestedActions).FirstOrDefault(c => c.Label.Contains(label, StringComparison.OrdinalIgnoreCase));
            if (choice is not null) return chat.ClicksValue(choice.Value, reply.Card?.PromptId, choice.Action);
        }
        throw new InvalidOperationException($"Pas de bouton « {label} » dans ce que le bot a envoyé à {chat.UserId} :\n{host.Sent().TextTo("conv-" + chat.UserId)}");
    }
}
