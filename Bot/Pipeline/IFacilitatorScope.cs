using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// Whose data a facilitator or curator may see: the members of the communities (channels) they are configured for.
/// Features that list other members' data (unanswered questions, shared profiles, digests) compose their queries with
/// <see cref="VisibleMembers"/>: <c>db.X.Where(x =&gt; scope.VisibleMembers(db, viewer).Any(m =&gt; m.Id == x.MemberId))</c>.
/// </summary>
public interface IFacilitatorScope
{
    IQueryable<Member> VisibleMembers(BotDbContext db, MemberInfo viewer);
}

/// <summary>
/// The scope from configuration. One community (no <c>Community:Communities</c>): a facilitator sees every member.
/// Several: facilitators and curators listed at the top of <c>Community</c> see everyone; those listed in a community
/// see the members seen in that community's channels; anyone else sees no one.
/// </summary>
public sealed class ConfiguredFacilitatorScope(RoleConfiguration roles) : IFacilitatorScope
{
    public IQueryable<Member> VisibleMembers(BotDbContext db, MemberInfo viewer)
    {
        var assignments = roles.Current;
        if (assignments.Communities.Count == 0) return db.Members;
        var identity = db.Members.AsNoTracking().Where(m => m.Id == viewer.Id)
            .Select(m => new { m.Channel, m.ChannelUserId }).FirstOrDefault();
        if (identity is null) return db.Members.Where(m => false);
        if (assignments.LeadsEverything(identity.Channel, identity.ChannelUserId)) return db.Members;
        var communities = assignments.CommunitiesLedBy(identity.Channel, identity.ChannelUserId).ToList();
        if (communities.Count == 0) return db.Members.Where(m => false);
        return db.Members.Where(m => db.Set<MemberCommunity>().Any(c => c.MemberId == m.Id && communities.Contains(c.Community)));
    }
}
