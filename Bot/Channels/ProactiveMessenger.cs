using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Channels;

/// <summary>Sends messages outside a turn, to a stored conversation or to a member's 1:1 conversation, on any channel.</summary>
public sealed class ProactiveMessenger(IEnumerable<IChannelConnector> connectors, BotDbContext db, ILogger<ProactiveMessenger> logger)
{
    public async Task SendToConversationAsync(long conversationId, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
            ?? throw new InvalidOperationException($"Conversation {conversationId} inconnue");
        await Connector(conversation.Channel).SendAsync(conversation, replies, ct);
    }

    /// <summary>Sends to the member's 1:1 conversation, opening one if needed. False when none can be reached.</summary>
    public async Task<bool> SendToMemberAsync(long memberId, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, ct)
            ?? throw new InvalidOperationException($"Membre {memberId} inconnu");
        var conversation = await db.Conversations
            .Where(c => c.DirectMemberId == memberId && c.Channel == member.Channel)
            .OrderByDescending(c => c.LastActivityAt)
            .FirstOrDefaultAsync(ct);
        var connector = Connector(member.Channel);
        conversation ??= await connector.OpenDirectAsync(member, ct);
        if (conversation is null)
        {
            logger.LogWarning("Impossible de joindre le membre {Member} sur {Channel} : pas de conversation directe", memberId, member.Channel);
            return false;
        }
        await connector.SendAsync(conversation, replies, ct);
        return true;
    }

    private IChannelConnector Connector(string channel) =>
        connectors.FirstOrDefault(c => c.Channel == channel)
        ?? throw new InvalidOperationException($"Aucun connecteur pour le canal « {channel} »");
}
