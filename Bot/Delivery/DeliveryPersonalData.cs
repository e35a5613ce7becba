using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Delivery;

/// <summary>
/// What the delivery tables hold about a member: the requests their channel brought in (events, commands, clicks,
/// with what they wrote) and the messages the bot wrote to them. Part of « mes données », deleted with the rest.
/// </summary>
public sealed class DeliveryPersonalData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "messagesRecusEtEnvoyes";

    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var received = (await ReceivedAsync(memberId, ct))
            .Select(i => (object)new { Recu = true, i.Id, i.Channel, i.Kind, ReceivedAt = i.ReceivedAt.ToString(), State = i.State.ToString(), i.PayloadJson });
        var sent = (await SentAsync(memberId, ct))
            .Select(o => (object)new { Recu = false, o.Id, o.Channel, Operation = o.Operation.ToString(), CreatedAt = o.CreatedAt.ToString(), Status = o.Status.ToString(), o.PayloadJson });
        return received.Concat(sent).ToList();
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var received = (await ReceivedAsync(memberId, ct)).Select(i => i.Id).ToList();
        var sent = (await SentAsync(memberId, ct)).Select(o => o.Id).ToList();
        var count = received.Count == 0 ? 0 : await db.Set<InboxItem>().Where(i => received.Contains(i.Id)).ExecuteDeleteAsync(ct);
        count += sent.Count == 0 ? 0 : await db.Set<OutboxMessage>().Where(o => sent.Contains(o.Id)).ExecuteDeleteAsync(ct);
        return count;
    }

    /// <summary>Inbox items of the member's channel that carry their user id.</summary>
    private async Task<List<InboxItem>> ReceivedAsync(long memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.Channel, m.ChannelUserId }).FirstOrDefaultAsync(ct);
        if (member is null || string.IsNullOrEmpty(member.ChannelUserId)) return [];
        var needle = "\"" + member.ChannelUserId + "\"";
        return await db.Set<InboxItem>().AsNoTracking().Where(i => i.Channel == member.Channel && i.PayloadJson.Contains(needle)).ToListAsync(ct);
    }

    /// <summary>Messages to the member: to them directly, or to their 1:1 conversations.</summary>
    private async Task<List<OutboxMessage>> SentAsync(long memberId, CancellationToken ct)
    {
        var direct = await db.Conversations.AsNoTracking().Where(c => c.DirectMemberId == memberId && !c.IsGroup).Select(c => (long?)c.Id).ToListAsync(ct);
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.MemberId == memberId || (o.ConversationId != null && direct.Contains(o.ConversationId)))
            .ToListAsync(ct);
    }
}
