using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Features;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Ratings;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Model;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Communaute.Bot.Curation;

/// <summary>One « pas utile » as curators read it: the question, the answer given, the fiches cited, the comment.</summary>
public sealed record NotUsefulItem(string Question, string Answer, IReadOnlyList<string> EntryIds, string? Comment, Instant RatedAt);

/// <summary>A group of « pas utile » a curator may see, most recent item first.</summary>
public sealed record NotUsefulGroupView(QuestionGroup Group, IReadOnlyList<NotUsefulItem> Items)
{
    public int Count => Items.Count;
    public Instant FirstRatedAt => Items.Min(i => i.RatedAt);
}

/// <summary>
/// Answers members found « pas utile », in the curators' list beside the unanswered questions and grouped the same way
/// (<see cref="QuestionGrouping"/> on the question's analysed words). A curator marks a group fixed by an entry — every
/// member who rated is then told in their 1:1 conversation, once — or dismisses it. What was said is kept with the
/// rating (<see cref="GivenAnswer"/>): a fiche removed from the base since still reaches the curators.
/// </summary>
public sealed class NotUsefulAnswers(BotDbContext db, KnowledgeService knowledge, ProactiveMessenger messenger,
    IFacilitatorScope scope, TimeProvider clock, ILogger<NotUsefulAnswers> logger)
{
    /// <summary>The open group of similar « pas utile » questions (a new one if none), set on the rating.</summary>
    public async Task JoinGroupAsync(AnswerRating rating, GivenAnswer answer, Instant now, CancellationToken ct)
    {
        var open = await db.Set<QuestionGroup>().Where(g => g.Status == QuestionGroupStatus.Open && g.Kind == QuestionGroupKind.NotUseful)
            .Select(g => new { g.Id, g.Key }).ToListAsync(ct);
        var match = open.Select(g => (g.Id, Similarity: QuestionGrouping.Similarity(g.Key, answer.GroupKey)))
            .Where(g => g.Similarity >= QuestionGrouping.SameQuestion)
            .OrderByDescending(g => g.Similarity).FirstOrDefault();
        if (match.Id != 0)
        {
            var group = await db.Set<QuestionGroup>().SingleAsync(g => g.Id == match.Id, ct);
            group.LastAskedAt = now;
            rating.GroupId = group.Id;
            return;
        }
        var created = new QuestionGroup
        {
            Key = answer.GroupKey, Text = answer.Question.Length == 0 ? "(question effacée)" : answer.Question,
            Kind = QuestionGroupKind.NotUseful, Status = QuestionGroupStatus.Open, CreatedAt = now, LastAskedAt = now,
        };
        db.Add(created);
        await db.SaveChangesAsync(ct);
        rating.GroupId = created.Id;
    }

    /// <summary>Open groups with a « pas utile » of a member the viewer may see, most rated first, then most recent.</summary>
    public async Task<IReadOnlyList<NotUsefulGroupView>> OpenGroupsAsync(MemberInfo viewer, int take, CancellationToken ct)
    {
        var visible = scope.VisibleMembers(db, viewer).Select(m => (long?)m.Id);
        var rows = await Open(visible)
            .Join(db.Set<GivenAnswer>(), r => r.AnswerId, a => a.Id, (r, a) => new { r.GroupId, r.RatedAt, r.Comment, a.Question, a.Text, a.EntryIds })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.GroupId!.Value).Distinct().ToList();
        var groups = await db.Set<QuestionGroup>().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return rows.GroupBy(r => r.GroupId!.Value)
            .Select(g => new NotUsefulGroupView(groups[g.Key], g.OrderByDescending(r => r.RatedAt)
                .Select(r => new NotUsefulItem(r.Question, r.Text, r.EntryIds.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Comment, r.RatedAt)).ToList()))
            .OrderByDescending(v => v.Count).ThenByDescending(v => v.Group.LastAskedAt)
            .Take(take)
            .ToList();
    }

    /// <summary>A group of « pas utile » the viewer may act on (open or not), or null.</summary>
    public async Task<QuestionGroup?> FindVisibleAsync(long groupId, MemberInfo viewer, CancellationToken ct)
    {
        var group = await db.Set<QuestionGroup>().SingleOrDefaultAsync(g => g.Id == groupId && g.Kind == QuestionGroupKind.NotUseful, ct);
        if (group is null) return null;
        var visible = scope.VisibleMembers(db, viewer).Select(m => (long?)m.Id);
        return await db.Set<AnswerRating>().AnyAsync(r => r.GroupId == groupId && visible.Contains(r.MemberId), ct) ? group : null;
    }

    /// <summary>A curator dismisses the group: it leaves the list, nobody is told (as for unanswered questions).</summary>
    public async Task DismissAsync(QuestionGroup group, CancellationToken ct)
    {
        await CloseAsync(group, QuestionGroupStatus.Dismissed, RatingStatus.Dismissed, null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Closes the group as fixed by the entry and tells every member who rated. Returns how many were told.</summary>
    public async Task<int> FixAsync(QuestionGroup group, KnowledgeEntry entry, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var raters = await CloseAsync(group, QuestionGroupStatus.Answered, RatingStatus.Fixed, entry.Id, ct);
        await db.SaveChangesAsync(ct);
        var told = 0;
        foreach (var (rating, question) in raters)
        {
            var answer = knowledge.Answer(question);
            IReadOnlyList<Reply> replies = answer.Kind == AnswerKind.Answer && answer.Sources[0].Entry.Id == entry.Id
                ? AnswerReplies.From(answer)
                : [AnswerReplies.FromEntry(entry)];
            if (await TellAsync(group, rating, question, replies, ct)) told++;
        }
        await transaction.CommitAsync(ct);
        return told;
    }

    private IQueryable<AnswerRating> Open(IQueryable<long?> visible) =>
        db.Set<AnswerRating>()
            .Where(r => r.GroupId != null && !r.Useful && r.Status == RatingStatus.Open && visible.Contains(r.MemberId))
            .Where(r => db.Set<QuestionGroup>().Any(g => g.Id == r.GroupId && g.Status == QuestionGroupStatus.Open && g.Kind == QuestionGroupKind.NotUseful));

    /// <summary>Closes the group and its open ratings; returns each rating member's first rating and its question.</summary>
    private async Task<List<(AnswerRating Rating, string Question)>> CloseAsync(QuestionGroup group, QuestionGroupStatus status, RatingStatus ratingStatus,
        string? entryId, CancellationToken ct)
    {
        group.Status = status;
        group.ClosedAt = clock.GetCurrentInstant();
        group.AnsweredByEntryId = entryId;
        var ratings = await db.Set<AnswerRating>().Where(r => r.GroupId == group.Id && r.Status == RatingStatus.Open)
            .Join(db.Set<GivenAnswer>(), r => r.AnswerId, a => a.Id, (r, a) => new { Rating = r, a.Question })
            .OrderBy(x => x.Rating.RatedAt).ToListAsync(ct);
        foreach (var r in ratings) r.Rating.Status = ratingStatus;
        return ratings.Where(r => r.Rating.MemberId is not null && r.Question.Length > 0)
            .GroupBy(r => r.Rating.MemberId).Select(g => (g.First().Rating, g.First().Question)).ToList();
    }

    private async Task<bool> TellAsync(QuestionGroup group, AnswerRating rating, string question, IReadOnlyList<Reply> answer, CancellationToken ct)
    {
        var memberId = rating.MemberId!.Value;
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return false;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(member.TimeZoneId) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var day = FrenchDates.DayMonth(rating.RatedAt.InZone(zone).Date);
        var intro = Reply.Say($"Le {day}, vous aviez trouvé la réponse à « {UserText.Escape(question)} » pas utile. " +
                              "Merci : les curateurs ont corrigé la base, voici la réponse aujourd'hui.");
        try
        {
            return await messenger.SendToMemberAsync(memberId, [intro, .. answer], $"rating-fixed:{group.Id}:{memberId}", ct);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            logger.LogWarning(e, "Membre {Member} non prévenu de la correction de la réponse jugée pas utile (groupe {Group})", memberId, group.Id);
            return false;
        }
    }
}
