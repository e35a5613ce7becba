using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Delivery;

public static class OutboxDestinations
{
    /// <summary>The member's 1:1 conversation (the latest), or the member, whose 1:1 the sender opens; null for an unknown member.</summary>
    public static async Task<OutboxDestination?> MemberAsync(BotDbContext db, long memberId, CancellationToken ct)
    {
        var channel = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.Channel).FirstOrDefaultAsync(ct);
        if (channel is null) return null;
        return await LatestDirectAsync(db, memberId, channel, ct) is { } direct
            ? OutboxDestination.Conversation(channel, direct.Id)
            : OutboxDestination.Member(channel, memberId);
    }

    /// <summary>The member's most recently active 1:1 conversation on the channel, if the bot has one.</summary>
    public static Task<Conversation?> LatestDirectAsync(BotDbContext db, long memberId, string channel, CancellationToken ct) =>
        db.Conversations.AsNoTracking()
            .Where(c => c.DirectMemberId == memberId && c.Channel == channel && !c.IsGroup)
            .OrderByDescending(c => c.LastActivityAt)
            .FirstOrDefaultAsync(ct);
}
