using System.Globalization;
using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions.Bookings;

/// <summary>
/// Running a session: the guide card at the start (to the session's conversation, or to each participant), the move
/// from one step to the next (once, however many click), the client's action plan, feedback, attendance, and the
/// pairs who met (the history group proposals avoid repeating).
/// </summary>
public sealed class SessionRun(BotDbContext db, SessionTransactions transactions, SessionNotifier notifier, ILogger<SessionRun> logger)
{
    private DbSet<CoDevSession> Sessions => db.Set<CoDevSession>();
    private DbSet<Booking> Bookings => db.Set<Booking>();

    /// <summary>Starts the guide (caller's transaction): step 1, and the card to where the session runs. False if already started.</summary>
    public async Task<bool> StartGuideAsync(long sessionId, CancellationToken ct)
    {
        var started = await Sessions.Where(s => s.Id == sessionId && s.Status == SessionStatus.Open && s.GuideStep == 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.GuideStep, 1), ct);
        if (started == 0) return false;
        var session = await Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        var card = SessionCards.Guide(session, 1, await ClientsAsync(sessionId, ct));
        foreach (var (target, key) in await GuideTargetsAsync(session, ct))
        {
            if (target.Conversation is { } conversation) await notifier.ToConversationAsync(conversation, card, key, ct);
            else await notifier.ToMemberAsync(target.Member!.Value, card, key, ct);
        }
        logger.LogInformation("Sessions : session {Session} commencée, carte guide envoyée", sessionId);
        return true;
    }

    /// <summary>
    /// Moves the session from <paramref name="fromStep"/> to the next step. A second click on the same card finds the
    /// step already moved and changes nothing. Reaching the synthesis asks each client for their action plan.
    /// </summary>
    public Task<(CoDevSession? Session, bool Moved, string? Refusal)> NextStepAsync(long sessionId, int fromStep, CancellationToken ct) =>
        transactions.RunAsync(async () =>
        {
            var session = await Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return ((CoDevSession?)null, false, (string?)$"Je ne trouve pas de session n° {sessionId}.");
            if (session.Status == SessionStatus.Cancelled) return ((CoDevSession?)session, false, (string?)$"La session « {session.Title} » est annulée.");
            if (session.GuideStep == 0) return ((CoDevSession?)session, false, (string?)$"La session « {session.Title} » n'a pas commencé.");
            var moved = await Sessions.Where(s => s.Id == sessionId && s.GuideStep == fromStep && s.GuideStep < CoDevMethod.Finished)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.GuideStep, s => s.GuideStep + 1), ct);
            var current = await Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
            if (moved == 1 && current.GuideStep == CoDevMethod.SynthesisStep)
            {
                var clients = await Bookings.AsNoTracking()
                    .Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Confirmed && b.Role == BookingRole.Client).ToListAsync(ct);
                foreach (var c in clients)
                    await notifier.ToMemberAsync(c.MemberId, SessionCards.ActionPlanForm(current, c.ActionPlan), $"plan-ask:{sessionId}:{c.MemberId}", ct);
            }
            if (moved == 1) await UpdateGuideCardsAsync(current, ct);
            return ((CoDevSession?)current, moved == 1, (string?)null);
        }, _ => true, ct);

    public async Task<Reply> GuideCardAsync(CoDevSession session, CancellationToken ct) =>
        SessionCards.Guide(session, Math.Max(1, session.GuideStep), await ClientsAsync(session.Id, ct));

    /// <summary>The action plan of a participant (usually the client), kept for the next session's reminder.</summary>
    public async Task<string?> SaveActionPlanAsync(long sessionId, long memberId, string plan, Instant now, CancellationToken ct)
    {
        var updated = await Bookings.Where(b => b.SessionId == sessionId && b.MemberId == memberId && b.Status == BookingStatus.Confirmed)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.ActionPlan, plan).SetProperty(b => b.UpdatedAt, now), ct);
        return updated == 1 ? null : "Vous n'êtes pas inscrit à cette session : je ne peux pas y ranger un plan d'action.";
    }

    public async Task<string?> SaveFeedbackAsync(long sessionId, long memberId, int score, Instant now, CancellationToken ct)
    {
        var updated = await Bookings.Where(b => b.SessionId == sessionId && b.MemberId == memberId && b.Status == BookingStatus.Confirmed)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Feedback, score).SetProperty(b => b.UpdatedAt, now), ct);
        return updated == 1 ? null : "Vous n'étiez pas inscrit à cette session : votre avis n'a pas été enregistré.";
    }

    /// <summary>Marks who came; the pair history follows the attendance.</summary>
    public async Task<int> MarkAttendanceAsync(long sessionId, IReadOnlySet<long> presentBookingIds, Instant now, CancellationToken ct) =>
        await transactions.RunAsync(async () =>
        {
            var confirmed = await Bookings.Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Confirmed).ToListAsync(ct);
            foreach (var b in confirmed) { b.Attended = presentBookingIds.Contains(b.Id); b.UpdatedAt = now; }
            await db.SaveChangesAsync(ct);
            await RecordPairsAsync(sessionId, ct);
            return confirmed.Count(b => b.Attended == true);
        }, _ => true, ct);

    /// <summary>Writes who met whom in the session (caller's transaction): confirmed participants not marked absent.</summary>
    public async Task RecordPairsAsync(long sessionId, CancellationToken ct)
    {
        var session = await Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        var members = await Bookings.AsNoTracking()
            .Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Confirmed && b.Attended != false)
            .Select(b => b.MemberId).OrderBy(m => m).ToListAsync(ct);
        await db.Set<PairMeeting>().Where(p => p.SessionId == sessionId).ExecuteDeleteAsync(ct);
        for (var i = 0; i < members.Count; i++)
            for (var j = i + 1; j < members.Count; j++)
                db.Add(new PairMeeting { MemberA = members[i], MemberB = members[j], SessionId = sessionId, MetAt = session.Start });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The latest action plan the member wrote before this session, to recall in its reminder.</summary>
    public Task<string?> PreviousPlanAsync(long memberId, CoDevSession session, CancellationToken ct) =>
        Bookings.AsNoTracking()
            .Where(b => b.MemberId == memberId && b.ActionPlan != null && b.SessionId != session.Id)
            .Join(Sessions.AsNoTracking().Where(s => s.Start < session.Start), b => b.SessionId, s => s.Id, (b, s) => new { b.ActionPlan, s.Start })
            .OrderByDescending(x => x.Start).Select(x => x.ActionPlan).FirstOrDefaultAsync(ct);

    private async Task<IReadOnlyList<(string Name, string? Problem)>> ClientsAsync(long sessionId, CancellationToken ct) =>
        (await Bookings.AsNoTracking()
            .Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Confirmed && b.Role == BookingRole.Client)
            .Join(db.Members.AsNoTracking(), b => b.MemberId, m => m.Id, (b, m) => new { m.DisplayName, b.Problem })
            .ToListAsync(ct)).Select(x => (FrenchNames.Named(x.DisplayName) ?? "le client", x.Problem)).ToList();

    private sealed record GuideTarget(long? Conversation, long? Member);

    /// <summary>The session's conversation when one was chosen, else each participant and the facilitator in 1:1.</summary>
    private async Task<IReadOnlyList<(GuideTarget Target, string Key)>> GuideTargetsAsync(CoDevSession session, CancellationToken ct)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"guide:{session.Id}:v{session.ScheduleVersion}");
        if (session.ConversationId is { } conversation) return [(new GuideTarget(conversation, null), prefix)];
        var members = await Bookings.AsNoTracking().Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Confirmed).Select(b => b.MemberId).ToListAsync(ct);
        if (session.FacilitatorMemberId is { } facilitator && !members.Contains(facilitator)) members.Add(facilitator);
        return members.Select(m => (new GuideTarget(null, m), string.Create(CultureInfo.InvariantCulture, $"{prefix}:{m}"))).ToList();
    }

    private async Task UpdateGuideCardsAsync(CoDevSession session, CancellationToken ct)
    {
        var card = SessionCards.Guide(session, session.GuideStep, await ClientsAsync(session.Id, ct));
        foreach (var (_, key) in await GuideTargetsAsync(session, ct))
        {
            await notifier.UpdateAsync(key, card, string.Create(CultureInfo.InvariantCulture, $"{key}:step{session.GuideStep}"), ct);
        }
    }
}
