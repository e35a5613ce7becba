using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Channels.Teams;

/// <summary>Proactive messages on Teams: to a stored conversation, or to a member's 1:1 chat (created if needed).</summary>
public sealed class TeamsConnector(BotConnectorClient client, BotDbContext db, IClock clock, ILogger<TeamsConnector> logger) : IChannelConnector
{
    public string Channel => TeamsChannel.ChannelId;

    public async Task SendAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        var reference = TeamsConversationReference.Parse(conversation.ReferenceJson)
            ?? throw new InvalidOperationException($"Conversation Teams {conversation.Id} sans référence enregistrée");
        foreach (var reply in replies)
        {
            var activity = TeamsReplyRenderer.ToActivity(reply);
            activity.From = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
            activity.Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId };
            await client.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
        }
    }

    public async Task<Conversation?> OpenDirectAsync(Member member, CancellationToken cancellationToken)
    {
        // Any conversation where the member last spoke tells the service url, tenant and bot id to use.
        var needle = $"\"userId\":\"{member.ChannelUserId}\"";
        var known = await db.Conversations
            .Where(c => c.Channel == Channel && c.ReferenceJson != null && c.ReferenceJson.Contains(needle))
            .OrderByDescending(c => c.LastActivityAt)
            .FirstOrDefaultAsync(cancellationToken);
        var reference = TeamsConversationReference.Parse(known?.ReferenceJson);
        if (reference?.BotId is null)
        {
            logger.LogWarning("Teams : aucune conversation connue avec le membre {Member}, impossible d'ouvrir un échange direct", member.Id);
            return null;
        }
        var id = await client.CreateConversationAsync(reference.ServiceUrl, new
        {
            bot = new { id = reference.BotId, name = reference.BotName },
            members = new[] { new { id = member.ChannelUserId } },
            isGroup = false,
            tenantId = reference.TenantId,
            channelData = new { tenant = new { id = reference.TenantId } },
        }, cancellationToken);
        if (string.IsNullOrEmpty(id)) return null;
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Channel == Channel && c.ChannelConversationId == id, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (conversation is null)
        {
            conversation = new Conversation { Channel = Channel, ChannelConversationId = id, CreatedAt = now, LastActivityAt = now };
            db.Conversations.Add(conversation);
        }
        conversation.IsGroup = false;
        conversation.DirectMemberId = member.Id;
        conversation.ReferenceJson = (reference with { ConversationId = id, ConversationType = "personal", UserId = member.ChannelUserId, UserName = member.DisplayName }).ToJson();
        await db.SaveChangesAsync(cancellationToken);
        return conversation;
    }
}
