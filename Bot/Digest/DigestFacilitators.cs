using Communaute.Bot.Delivery;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Digest;

/// <summary>Reaches the facilitators outside a turn (drafts, reminders, failed targets), each in their 1:1 chat, through the outbox.</summary>
public sealed class DigestFacilitators(RoleDirectory roles, ProactiveMessenger messenger)
{
    /// <summary>The facilitators as the security configuration names them now (known to the bot: they have talked to it).</summary>
    public Task<IReadOnlyList<Member>> AllAsync(CancellationToken ct) => roles.MembersWithRoleAsync(MemberRoles.Facilitator, ct);

    /// <summary>
    /// Writes a message to every facilitator, with the key <c>{key}:{memberId}</c>, in the caller's transaction; returns
    /// how many were new. Reaching them (opening a 1:1, retries) is the outbox's job.
    /// </summary>
    public Task<int> TellAllAsync(Func<Member, IReadOnlyList<Reply>> replies, string key, CancellationToken ct) =>
        TellAllAsync(m => Task.FromResult(replies(m)), key, ct);

    public async Task<int> TellAllAsync(Func<Member, Task<IReadOnlyList<Reply>>> replies, string key, CancellationToken ct)
    {
        var told = 0;
        foreach (var member in await AllAsync(ct))
            if (await messenger.SendToMemberAsync(member.Id, await replies(member), $"{key}:{member.Id}", ct)) told++;
        return told;
    }
}
