using Communaute.Bot.Delivery;
using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions.Bookings;

/// <summary>
/// What the sessions say on their own (offers, changes, reminders, card updates), through the proactive API, in the
/// caller's transaction, each message with a key naming its cause.
/// </summary>
public sealed class SessionNotifier(BotDbContext db, ProactiveMessenger messenger, OutboxWriter outbox, ICalendarLinks links, ILogger<SessionNotifier> logger)
{
    public async Task<DateTimeZone> ZoneOfAsync(long memberId, CancellationToken ct)
    {
        var id = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.TimeZoneId).FirstOrDefaultAsync(ct);
        return (id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
    }

    public string CalendarLink(long bookingId) => links.Link(bookingId);

    /// <summary>Sends to a member's 1:1 conversation; false when the key was already used.</summary>
    public Task<bool> ToMemberAsync(long memberId, Reply reply, string key, CancellationToken ct) =>
        messenger.SendToMemberAsync(memberId, [reply], key, ct);

    /// <summary>Sends to a stored conversation (a channel, a group chat); false when the key was already used.</summary>
    public Task<bool> ToConversationAsync(long conversationId, Reply reply, string key, CancellationToken ct) =>
        messenger.SendToConversationAsync(conversationId, [reply], key, ct);

    public async Task OfferAsync(CoDevSession session, Booking booking, CancellationToken ct)
    {
        var zone = await ZoneOfAsync(booking.MemberId, ct);
        await ToMemberAsync(booking.MemberId, SessionCards.Offer(session, booking, zone), $"offer:{booking.Id}:{booking.OfferCount}", ct);
    }

    public Task OfferExpiredAsync(CoDevSession session, Booking booking, CancellationToken ct) =>
        ToMemberAsync(booking.MemberId, SessionCards.OfferExpired(session), $"offer-expired:{booking.Id}:{booking.OfferCount}", ct);

    /// <summary>
    /// Updates the session cards posted in channels (Teams updateActivity, Slack chat.update through the outbox).
    /// </summary>
    public async Task RefreshPostsAsync(long sessionId, Instant now, CancellationToken ct, string? stage = null)
    {
        var posts = await db.Set<SessionPost>().AsNoTracking().Where(p => p.SessionId == sessionId).ToListAsync(ct);
        if (posts.Count == 0) return;
        var session = await db.Set<CoDevSession>().AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        var waiting = await db.Set<Booking>().CountAsync(b => b.SessionId == sessionId && b.Status == BookingStatus.Waitlisted, ct);
        var card = Reply.Show(SessionCards.PublicCard(session, waiting, now));
        foreach (var post in posts)
            await UpdateAsync(post.SentKey, card, $"{post.SentKey}:seats-v{session.SeatsVersion}{(stage is null ? "" : ":" + stage)}", ct);
    }

    /// <summary>
    /// Replaces a message sent earlier under <paramref name="sentKey"/> (Teams updateActivity, Slack chat.update, the
    /// page's transcript, through the outbox). False when the key was already used, or when nothing was sent under
    /// <paramref name="sentKey"/> (a member who joined after the guide card went out): nothing to redraw then.
    /// </summary>
    public async Task<bool> UpdateAsync(string sentKey, Reply reply, string key, CancellationToken ct)
    {
        if (await outbox.FindAsync(sentKey, ct) is not { Operation: OutboxOperation.Send })
        {
            logger.LogDebug("Sessions : pas de message envoyé sous la clé {Key}, rien à mettre à jour", sentKey);
            return false;
        }
        return await messenger.UpdateAsync(sentKey, reply, key, ct);
    }
}
