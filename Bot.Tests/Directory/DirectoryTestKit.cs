using Communaute.Bot.Channels;
using Communaute.Bot.Delivery;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>A channel of its own ("teams-test", "slack-test") whose deliveries are recorded like the test channel's.</summary>
public sealed class ChannelRecorder(string channel, SentMessages sent) : IChannelSender
{
    public string Channel => channel;
    public SendPacing Pacing => SendPacing.None;

    public Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        sent.All.Enqueue((message.Conversation.ChannelConversationId, message.Reply!));
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(channel + "-" + message.Row.Id, message.Conversation.ChannelConversationId));
    }

    public Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(message.Original?.PlatformMessageId, message.Conversation.ChannelConversationId));

    public Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(message.Original?.PlatformMessageId, message.Conversation.ChannelConversationId));

    public Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct) =>
        Task.FromResult(DirectConversation.Failed(new DeliveryResult.Park(OutboxFailureKind.TargetGone, "pas de conversation à ouvrir")));
}

/// <summary>A host with the test channel and two more recorded, and what the directory tests need to read its state.</summary>
public static class DirectoryHost
{
    public static Task<BotTestHost> StartAsync(IDictionary<string, string?>? settings = null) => BotTestHost.StartAsync(settings, services =>
    {
        SessionsHost.Recording(services);
        services.AddScoped<IChannelSender>(sp => new ChannelRecorder("teams-test", sp.GetRequiredService<SentMessages>()));
        services.AddScoped<IChannelSender>(sp => new ChannelRecorder("slack-test", sp.GetRequiredService<SentMessages>()));
    });

    public static Task<long> MemberIdAsync(this BotTestHost host, string userId) =>
        host.DbAsync(db => db.Members.Where(m => m.ChannelUserId == userId).Select(m => m.Id).SingleAsync());

    public static Task<ExperienceCard?> CardAsync(this BotTestHost host, string userId) =>
        host.DbAsync(async db =>
        {
            var id = await db.Members.Where(m => m.ChannelUserId == userId).Select(m => m.Id).SingleAsync();
            return await db.Set<ExperienceCard>().AsNoTracking().FirstOrDefaultAsync(c => c.MemberId == id);
        });

    public static Task<int> OutboxCountAsync(this BotTestHost host, string keyPrefix) =>
        host.DbAsync(db => db.Set<OutboxMessage>().CountAsync(o => o.IdempotencyKey.StartsWith(keyPrefix)));

    /// <summary>A member who says what they can help with and publishes it (two turns, as a person would).</summary>
    public static async Task PublishesAsync(this TestChat chat, string helps)
    {
        (await chat.Says("je peux aider sur : " + helps)).Answers("brouillon");
        (await chat.Clicks("Oui, publier ma fiche")).Answers("Votre fiche est publiée");
    }

    /// <summary>The raw markdown of every card section the bot answered (bold kept).</summary>
    public static string Markdown(this BotSaid said) =>
        string.Join("\n", said.Replies.SelectMany(r => r.Card?.Sections ?? []).Select(s => s.Text));
}
