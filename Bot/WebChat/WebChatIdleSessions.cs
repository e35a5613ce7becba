using Communaute.Bot.Delivery;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.WebChat;

/// <summary>
/// A page opened and left without a word: its visitor (session, member, conversation, welcome) is erased within the
/// hour, so opening the page again and again leaves nothing behind. A visitor who said something follows
/// <c>Retention:WebChatMemberDays</c>.
/// </summary>
public sealed class WebChatIdleSessions(BotDbContext db, PersonalDataService personalData, ILogger<WebChatIdleSessions> logger) : IDueWork
{
    public static readonly Duration Lifetime = Duration.FromHours(1);
    private const int Batch = 200;

    public string Name => "webchat-idle-sessions";

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        var erased = 0;
        while (true)
        {
            var idle = await Idle(now - Lifetime).OrderBy(s => s.Id).Take(Batch).ToListAsync(ct);
            foreach (var session in idle)
            {
                var members = await db.Members.Where(m => m.Channel == WebChatEndpoints.Channel && m.ChannelUserId == session.UserId)
                    .Select(m => m.Id).ToListAsync(ct);
                foreach (var id in members) await personalData.DeleteAsync(id, ct);
                await db.Set<WebChatMessage>().Where(m => m.ConversationId == session.ConversationId).ExecuteDeleteAsync(ct);
                await db.Set<WebChatSession>().Where(s => s.Id == session.Id).ExecuteDeleteAsync(ct);
            }
            erased += idle.Count;
            if (idle.Count < Batch) break;
        }
        if (erased > 0) logger.LogInformation("Page de discussion : {Count} visiteur(s) sans message effacé(s) après une heure", erased);
    }

    public async Task<Instant?> NextDueAsync(Instant now, CancellationToken ct)
    {
        var oldest = await db.Set<WebChatSession>()
            .Where(s => !db.Set<WebChatMessage>().Any(m => m.ConversationId == s.ConversationId && m.From == WebChatSender.Member))
            .OrderBy(s => s.CreatedAt).Select(s => (Instant?)s.CreatedAt).FirstOrDefaultAsync(ct);
        var next = oldest is { } created ? created + Lifetime : now + Lifetime;
        return next < now ? now : next;
    }

    /// <summary>Sessions created before <paramref name="before"/> whose conversation has no member message.</summary>
    private IQueryable<WebChatSession> Idle(Instant before) =>
        db.Set<WebChatSession>().Where(s => s.CreatedAt < before
            && !db.Set<WebChatMessage>().Any(m => m.ConversationId == s.ConversationId && m.From == WebChatSender.Member));
}
