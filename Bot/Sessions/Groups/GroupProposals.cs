using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Sessions.Groups;

/// <summary>The members a facilitator's "proposer des groupes" works on, with their profiles, pair history and client turns.</summary>
public sealed class GroupProposals(BotDbContext db, IOptions<SessionsOptions> options)
{
    /// <summary>
    /// Members of the series (anyone with a booking in it), or of every session of the last year and to come when no
    /// series is given; paused members are left out. The cycle is the series (or the last twelve months).
    /// </summary>
    public async Task<(GroupProposal Proposal, int Paused, int Candidates)> ProposeAsync(long? seriesId, IQueryable<Member> visible, Instant now, CancellationToken ct)
    {
        var yearAgo = now - Duration.FromDays(365);
        var sessions = db.Set<CoDevSession>().AsNoTracking().Where(s => seriesId == null ? s.Start >= yearAgo : s.SeriesId == seriesId);
        var bookings = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.Status != BookingStatus.Cancelled)
            .Join(sessions, b => b.SessionId, s => s.Id, (b, s) => new { b.MemberId, b.Role, b.Status, s.Start })
            .Join(visible, x => x.MemberId, m => m.Id, (x, m) => new { x.MemberId, x.Role, x.Status, x.Start, m.DisplayName })
            .ToListAsync(ct);
        var memberIds = bookings.Select(b => b.MemberId).Distinct().ToList();
        var profiles = await db.Set<SessionProfile>().AsNoTracking().Where(p => memberIds.Contains(p.MemberId)).ToDictionaryAsync(p => p.MemberId, ct);
        var paused = memberIds.Where(id => profiles.TryGetValue(id, out var p) && p.PausedUntil > now).ToHashSet();
        var candidates = bookings.GroupBy(b => b.MemberId).Where(g => !paused.Contains(g.Key)).Select(g =>
        {
            profiles.TryGetValue(g.Key, out var profile);
            var asClient = g.Where(b => b.Role == BookingRole.Client && b.Status == BookingStatus.Confirmed && b.Start <= now).ToList();
            return new GroupCandidate(g.Key, string.IsNullOrWhiteSpace(g.First().DisplayName) ? $"membre {g.Key}" : g.First().DisplayName,
                profile?.Organisation, profile?.Region, asClient.Count, asClient.Count == 0 ? 0 : asClient.Max(b => b.Start).ToUnixTimeTicks());
        }).OrderBy(c => c.Id).ToList();
        var since = now - Duration.FromDays(30 * options.Value.PairMemoryMonths);
        var ids = candidates.Select(c => c.Id).ToList();
        var pairs = await db.Set<PairMeeting>().AsNoTracking()
            .Where(p => p.MetAt >= since && ids.Contains(p.MemberA) && ids.Contains(p.MemberB))
            .Select(p => new { p.MemberA, p.MemberB }).ToListAsync(ct);
        var recent = pairs.Select(p => GroupPlanner.Key(p.MemberA, p.MemberB)).ToHashSet();
        return (GroupPlanner.Propose(candidates, recent), paused.Count, candidates.Count);
    }
}
