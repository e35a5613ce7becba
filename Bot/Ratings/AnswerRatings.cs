using Communaute.Bot.Curation;
using Communaute.Dialogs.Conversation;
using Communaute.Knowledge.Answering;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Ratings;

/// <summary>What became of a click on « Utile » / « Pas utile ».</summary>
public enum RateOutcome { Recorded, AlreadyRated, UnknownAnswer }

/// <summary>
/// Answers given and their ratings: each answer stored when given (so its buttons name it), one rating per member and
/// answer, a « pas utile » put in the curators' list at once, and its optional comment attached when the member writes it.
/// </summary>
public sealed class AnswerRatings(Storage.BotDbContext db, NotUsefulAnswers curators)
{
    /// <summary>How long after an answer typed « utile » / « pas utile » still rate it, and a comment is still awaited.</summary>
    public static readonly Duration Window = Duration.FromMinutes(30);

    /// <summary>Stores an answer a member can rate (an answer or close fiches); null for every other kind.</summary>
    public async Task<GivenAnswer?> RecordAsync(KnowledgeAnswer answer, TurnContext context, CancellationToken ct)
    {
        if (!answer.Answered || answer.Sources.Count == 0) return null;
        var text = answer.Kind == AnswerKind.Answer
            ? answer.Text
            : answer.Text + "\n" + string.Join("\n", answer.Sources.Select(s => "- " + s.Entry.Title));
        var given = new GivenAnswer
        {
            MemberId = context.Member.Id,
            ConversationId = context.ConversationId,
            Channel = context.Turn.Channel,
            At = context.Now,
            Question = GivenAnswer.Clip(context.Text, GivenAnswer.MaxQuestion),
            Kind = answer.Kind == AnswerKind.Answer ? "answer" : "partial",
            Text = GivenAnswer.Clip(text, GivenAnswer.MaxText),
            EntryIds = Ids(answer),
            GroupKey = QuestionGrouping.Key(answer),
        };
        db.Add(given);
        await db.SaveChangesAsync(ct);
        return given;
    }

    /// <summary>The member's last answer in this conversation, when recent enough for typed words to rate it.</summary>
    public Task<GivenAnswer?> LatestAsync(TurnContext context, CancellationToken ct)
    {
        var since = context.Now - Window;
        return db.Set<GivenAnswer>().Where(a => a.MemberId == context.Member.Id && a.ConversationId == context.ConversationId && a.At >= since)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Records the member's rating of an answer, once: a second click, even with the other button, keeps the first.
    /// A « pas utile » joins the curators' list and awaits its optional comment.
    /// </summary>
    public async Task<(RateOutcome Outcome, AnswerRating? Rating)> RateAsync(RateAnswer intent, TurnContext context, CancellationToken ct)
    {
        var answer = await db.Set<GivenAnswer>().SingleOrDefaultAsync(a => a.Id == intent.AnswerId, ct);
        if (answer is null) return (RateOutcome.UnknownAnswer, null);
        var existing = await db.Set<AnswerRating>().SingleOrDefaultAsync(r => r.AnswerId == answer.Id && r.MemberId == context.Member.Id, ct);
        if (existing is not null) return (RateOutcome.AlreadyRated, existing);

        var rating = new AnswerRating
        {
            AnswerId = answer.Id,
            MemberId = context.Member.Id,
            ConversationId = context.ConversationId,
            Useful = intent.Useful,
            RatedAt = context.Now,
            CommentState = intent.Useful ? CommentState.None : CommentState.Asked,
            Status = intent.Useful ? RatingStatus.Dismissed : RatingStatus.Open,
        };
        // The group first (a new one is saved to get its id), then the rating alone in the save the unique key guards.
        if (!intent.Useful) await curators.JoinGroupAsync(rating, answer, context.Now, ct);
        db.Add(rating);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same click handled at the same time elsewhere: the unique key kept one.
            db.ChangeTracker.Clear();
            return (RateOutcome.AlreadyRated, await db.Set<AnswerRating>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.AnswerId == answer.Id && r.MemberId == context.Member.Id, ct));
        }
        return (RateOutcome.Recorded, rating);
    }

    /// <summary>The question a given answer answered (the answer is already tracked when just rated: no read).</summary>
    public async Task<string?> QuestionAsync(long answerId, CancellationToken ct) =>
        (await db.Set<GivenAnswer>().FindAsync([answerId], ct))?.Question;

    /// <summary>The « pas utile » whose « Qu'est-ce qui manquait ? » the member has in front of them, if any.</summary>
    public Task<AnswerRating?> AwaitingCommentAsync(TurnContext context, CancellationToken ct)
    {
        var since = context.Now - Window;
        return db.Set<AnswerRating>()
            .Where(r => r.MemberId == context.Member.Id && r.ConversationId == context.ConversationId && r.CommentState == CommentState.Asked && r.RatedAt >= since)
            .OrderByDescending(r => r.RatedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public Task<AnswerRating?> FindAsync(long ratingId, long memberId, CancellationToken ct) =>
        db.Set<AnswerRating>().SingleOrDefaultAsync(r => r.Id == ratingId && r.MemberId == memberId, ct);

    /// <summary>Attaches the comment, cut at <see cref="AnswerRating.MaxComment"/> characters; true when it had to be cut.</summary>
    public async Task<bool> CommentAsync(AnswerRating rating, string comment, CancellationToken ct)
    {
        var cut = comment.Length > AnswerRating.MaxComment;
        rating.Comment = cut ? comment[..(AnswerRating.MaxComment - 1)].TrimEnd() + "…" : comment;
        rating.CommentState = CommentState.Given;
        await db.SaveChangesAsync(ct);
        return cut;
    }

    /// <summary>No comment: the rating stays in the curators' list as it is.</summary>
    public async Task SkipAsync(AnswerRating rating, CancellationToken ct)
    {
        rating.CommentState = CommentState.Skipped;
        await db.SaveChangesAsync(ct);
    }

    private static string Ids(KnowledgeAnswer answer)
    {
        var ids = string.Join(',', answer.Sources.Select(s => s.Entry.Id).Distinct());
        if (ids.Length <= 1000) return ids;
        var cut = ids.LastIndexOf(',', 1000);
        return cut > 0 ? ids[..cut] : ids[..1000];
    }
}
