using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Slack requests kept in the inbox (events, commands, clicks) carry the member's Slack id and what they wrote:
/// part of "mes données", and deleted with the rest. Found by the member's Slack user id in the stored payload.
/// </summary>
public sealed class SlackPersonalData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "slackRequetesRecues";

    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var items = await Items(memberId, ct);
        return items.Select(i => (object)new { i.Id, i.Kind, ReceivedAt = i.ReceivedAt.ToString(), State = i.State.ToString(), i.PayloadJson }).ToList();
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var ids = (await Items(memberId, ct)).Select(i => i.Id).ToList();
        return ids.Count == 0 ? 0 : await db.Set<SlackInboxItem>().Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
    }

    private async Task<List<SlackInboxItem>> Items(long memberId, CancellationToken ct)
    {
        var slackUserId = await db.Members.Where(m => m.Id == memberId && m.Channel == SlackTurnProcessor.Channel)
            .Select(m => m.ChannelUserId).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(slackUserId)) return [];
        return await db.Set<SlackInboxItem>().AsNoTracking().Where(i => i.PayloadJson.Contains(slackUserId)).ToListAsync(ct);
    }
}
