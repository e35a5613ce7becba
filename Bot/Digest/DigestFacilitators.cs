using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Digest;

/// <summary>Reaches the facilitators outside a turn (drafts, reminders, parked channels), each in their 1:1 chat.</summary>
public sealed class DigestFacilitators(BotDbContext db, ProactiveMessenger messenger, ILogger<DigestFacilitators> logger)
{
    /// <summary>Members whose stored roles include facilitator.</summary>
    public Task<List<Member>> AllAsync(CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.Roles.Contains(MemberRoles.Facilitator)).OrderBy(m => m.Id).ToListAsync(ct);

    /// <summary>Sends to every facilitator, with the key <c>{key}:{memberId}</c>; one that cannot be reached does not stop the others.</summary>
    public Task<int> TellAllAsync(Func<Member, IReadOnlyList<Reply>> replies, string key, CancellationToken ct) =>
        TellAllAsync(m => Task.FromResult(replies(m)), key, ct);

    public async Task<int> TellAllAsync(Func<Member, Task<IReadOnlyList<Reply>>> replies, string key, CancellationToken ct)
    {
        var told = 0;
        foreach (var member in await AllAsync(ct))
        {
            try
            {
                if (await messenger.SendToMemberAsync(member.Id, await replies(member), $"{key}:{member.Id}", ct)) told++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Digest : impossible de joindre l'animateur {Member} ({Error})", member.Id, e.Message);
            }
        }
        return told;
    }
}
