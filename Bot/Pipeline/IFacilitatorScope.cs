using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;

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

/// <summary>One community for the whole deployment: a facilitator sees every member (replaced by the security work).</summary>
public sealed class WholeCommunityScope : IFacilitatorScope
{
    public IQueryable<Member> VisibleMembers(BotDbContext db, MemberInfo viewer) => db.Members;
}
