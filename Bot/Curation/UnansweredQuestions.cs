using System.Globalization;
using Communaute.Bot.Delivery;
using Communaute.Bot.Features;
using Communaute.Bot.Pipeline;
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

/// <summary>A group as a curator sees it: only the questions of members they may see are counted.</summary>
public sealed record QuestionGroupView(QuestionGroup Group, int Count, Instant FirstAskedAt, bool Forwarded);

/// <summary>
/// The curation loop: unanswered questions recorded in groups of similar questions; a group closed when an entry
/// answers it — chosen by a curator, or found by re-running the group's questions after each reload — and then every
/// member who asked is told in their 1:1 conversation, through the proactive API, once.
/// </summary>
public sealed class UnansweredQuestions(BotDbContext db, KnowledgeService knowledge, ProactiveMessenger messenger,
    IFacilitatorScope scope, TimeProvider clock, ILogger<UnansweredQuestions> logger)
{
    /// <summary>Adds the question to the group of similar open questions (a new one if none); a member's repeat is not counted twice.</summary>
    public async Task RecordAsync(KnowledgeAnswer answer, TurnContext context, CancellationToken ct)
    {
        if (!answer.IsGap) return;
        var key = QuestionGrouping.Key(answer);
        var open = await db.Set<QuestionGroup>().Where(g => g.Status == QuestionGroupStatus.Open && g.Kind == QuestionGroupKind.Unanswered)
            .Select(g => new { g.Id, g.Key }).ToListAsync(ct);
        var match = open.Select(g => (g.Id, Similarity: QuestionGrouping.Similarity(g.Key, key)))
            .Where(g => g.Similarity >= QuestionGrouping.SameQuestion)
            .OrderByDescending(g => g.Similarity).FirstOrDefault();
        QuestionGroup group;
        if (match.Id != 0)
        {
            group = await db.Set<QuestionGroup>().SingleAsync(g => g.Id == match.Id, ct);
            group.LastAskedAt = context.Now;
            var repeat = await db.UnansweredQuestions.AnyAsync(q => q.GroupId == group.Id && q.MemberId == context.Member.Id
                && (q.Status == UnansweredStatus.Open || q.Status == UnansweredStatus.Forwarded), ct);
            if (repeat) return;
        }
        else
        {
            group = new QuestionGroup { Key = key, Text = Clip(answer.Question), Status = QuestionGroupStatus.Open, CreatedAt = context.Now, LastAskedAt = context.Now };
            db.Add(group);
            await db.SaveChangesAsync(ct);
        }
        db.UnansweredQuestions.Add(new UnansweredQuestion
        {
            Text = Clip(answer.Question),
            MemberId = context.Member.Id,
            ConversationId = context.ConversationId,
            Channel = context.Turn.Channel,
            AskedAt = context.Now,
            Status = UnansweredStatus.Open,
            GroupId = group.Id,
        });
    }

    /// <summary>Open groups with at least one question the viewer may see, most asked first, then most recent.</summary>
    public async Task<IReadOnlyList<QuestionGroupView>> OpenGroupsAsync(MemberInfo viewer, int take, CancellationToken ct)
    {
        var visible = scope.VisibleMembers(db, viewer).Select(m => (long?)m.Id);
        var rows = await db.UnansweredQuestions
            .Where(q => q.GroupId != null && (q.Status == UnansweredStatus.Open || q.Status == UnansweredStatus.Forwarded) && visible.Contains(q.MemberId))
            .Join(db.Set<QuestionGroup>().Where(g => g.Status == QuestionGroupStatus.Open), q => q.GroupId, g => (long?)g.Id, (q, g) => new { q.GroupId, q.AskedAt, q.Status })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.GroupId!.Value).Distinct().ToList();
        var groups = await db.Set<QuestionGroup>().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return rows.GroupBy(r => r.GroupId!.Value)
            .Select(g => new QuestionGroupView(groups[g.Key], g.Count(), g.Min(r => r.AskedAt), g.Any(r => r.Status == UnansweredStatus.Forwarded)))
            .OrderByDescending(v => v.Count).ThenByDescending(v => v.Group.LastAskedAt)
            .Take(take)
            .ToList();
    }

    /// <summary>An open group the viewer may act on, or null.</summary>
    public async Task<QuestionGroup?> FindVisibleAsync(long groupId, MemberInfo viewer, CancellationToken ct)
    {
        var visible = scope.VisibleMembers(db, viewer).Select(m => (long?)m.Id);
        var group = await db.Set<QuestionGroup>().SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null) return null;
        var seen = await db.UnansweredQuestions.AnyAsync(q => q.GroupId == groupId && visible.Contains(q.MemberId), ct);
        return seen ? group : null;
    }

    /// <summary>A curator dismisses the group: it leaves the list, nobody is told.</summary>
    public async Task DismissAsync(QuestionGroup group, CancellationToken ct)
    {
        await CloseAsync(group, QuestionGroupStatus.Dismissed, null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Closes the group as answered by the entry and tells every member who asked. Returns how many were told.</summary>
    public async Task<int> AnswerAsync(QuestionGroup group, KnowledgeEntry entry, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var askers = await CloseAsync(group, QuestionGroupStatus.Answered, entry.Id, ct);
        await db.SaveChangesAsync(ct);
        var told = 0;
        foreach (var question in askers)
        {
            var answer = knowledge.Answer(question.Text);
            IReadOnlyList<Reply> replies = answer.Kind == AnswerKind.Answer && answer.Sources[0].Entry.Id == entry.Id
                ? AnswerReplies.From(answer)
                : [AnswerReplies.FromEntry(entry)];
            if (await TellAsync(group, question, replies, ct)) told++;
        }
        await transaction.CommitAsync(ct);
        return told;
    }

    /// <summary>
    /// After a reload: each open group's questions are asked again; when one is now answered with confidence by an
    /// entry that is new or was edited in this reload, the group is closed and its members told. Returns the groups closed.
    /// </summary>
    public async Task<int> FollowUpAsync(KnowledgeSnapshot previous, KnowledgeSnapshot current, CancellationToken ct)
    {
        var before = previous.Entries.ToDictionary(e => e.Id);
        var changed = current.Entries
            .Where(e => !before.TryGetValue(e.Id, out var old) || old.Body != e.Body || old.Title != e.Title || !old.Questions.SequenceEqual(e.Questions))
            .Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0) return 0;

        var groups = await db.Set<QuestionGroup>().Where(g => g.Status == QuestionGroupStatus.Open && g.Kind == QuestionGroupKind.Unanswered).ToListAsync(ct);
        var closed = 0;
        foreach (var group in groups)
        {
            var texts = await db.UnansweredQuestions.Where(q => q.GroupId == group.Id).Select(q => q.Text).Distinct().Take(5).ToListAsync(ct);
            var entry = texts.Prepend(group.Text).Distinct()
                .Select(knowledge.Answer)
                .Where(a => a.Kind == AnswerKind.Answer && changed.Contains(a.Sources[0].Entry.Id))
                .Select(a => a.Sources[0].Entry)
                .FirstOrDefault();
            if (entry is null) continue;
            await AnswerAsync(group, entry, ct);
            closed++;
        }
        return closed;
    }

    /// <summary>Closes the group and its open questions; returns each asking member's first question.</summary>
    private async Task<List<UnansweredQuestion>> CloseAsync(QuestionGroup group, QuestionGroupStatus status, string? entryId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        group.Status = status;
        group.ClosedAt = now;
        group.AnsweredByEntryId = entryId;
        var questions = await db.UnansweredQuestions
            .Where(q => q.GroupId == group.Id && (q.Status == UnansweredStatus.Open || q.Status == UnansweredStatus.Forwarded))
            .OrderBy(q => q.AskedAt).ToListAsync(ct);
        foreach (var q in questions) q.Status = status == QuestionGroupStatus.Answered ? UnansweredStatus.Answered : UnansweredStatus.Dismissed;
        return questions.Where(q => q.MemberId is not null).GroupBy(q => q.MemberId).Select(g => g.First()).ToList();
    }

    private async Task<bool> TellAsync(QuestionGroup group, UnansweredQuestion question, IReadOnlyList<Reply> answer, CancellationToken ct)
    {
        var memberId = question.MemberId!.Value;
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return false;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(member.TimeZoneId) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var day = FrenchDates.DayMonth(question.AskedAt.InZone(zone).Date);
        Reply intro = Reply.Say($"Votre question du {day} a maintenant une réponse : « {UserText.Escape(question.Text)} »");
        try
        {
            return await messenger.SendToMemberAsync(memberId, [intro, .. answer], $"answered:{group.Id}:{memberId}", ct);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            logger.LogWarning(e, "Membre {Member} non prévenu de la réponse à sa question (groupe {Group})", memberId, group.Id);
            return false;
        }
    }

    private static string Clip(string text) => text.Length > 2000 ? text[..2000] : text;
}
