using Communaute.Bot.Curation;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Ratings;

/// <summary>
/// The answers given to the member and their ratings, in « mes données ».
/// <para>
/// On erasure the ratings are <b>kept, anonymised</b>, not deleted: a « utile » or « pas utile » with no member, no
/// conversation and no words of theirs says nothing about anyone, and deleting it would silently change the counts per
/// fiche that the digest and calibration read. What the member wrote goes: the question (emptied) and the comment
/// (removed); their open « pas utile » leave the curators' list (nobody could be told of a fix), and a group left with
/// none of them loses the question it showed.
/// </para>
/// </summary>
public sealed class RatingsPersonalData(BotDbContext db) : IPersonalDataSource
{
    public const string ErasedQuestion = "(question effacée à la demande du membre)";

    public string Name => "avisSurLesReponses";
    public string Label => "Réponses données et vos avis « utile » / « pas utile »";

    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var answers = await db.Set<GivenAnswer>().AsNoTracking().Where(a => a.MemberId == memberId).OrderBy(a => a.Id).ToListAsync(ct);
        var ratings = await db.Set<AnswerRating>().AsNoTracking().Where(r => r.MemberId == memberId).ToListAsync(ct);
        var rated = ratings.ToDictionary(r => r.AnswerId);
        // Ratings of answers given to someone else (a channel where another member asked) are listed too.
        var others = ratings.Where(r => answers.All(a => a.Id != r.AnswerId)).Select(r => (object)new
        {
            ReponseId = r.AnswerId, Avis = r.Useful ? "utile" : "pas utile", Le = r.RatedAt.ToString(), Commentaire = r.Comment,
        });
        return
        [
            .. answers.Select(a => (object)new
            {
                a.Id, Le = a.At.ToString(), a.Channel, Question = a.Question, Reponse = a.Text, Fiches = a.EntryIds,
                Avis = rated.TryGetValue(a.Id, out var r) ? (r.Useful ? "utile" : "pas utile") : null,
                AvisLe = rated.TryGetValue(a.Id, out var r2) ? r2.RatedAt.ToString() : null,
                Commentaire = rated.TryGetValue(a.Id, out var r3) ? r3.Comment : null,
            }),
            .. others,
        ];
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var groups = await db.Set<AnswerRating>().Where(r => r.MemberId == memberId && r.GroupId != null && r.Status == RatingStatus.Open)
            .Select(r => r.GroupId!.Value).Distinct().ToListAsync(ct);
        var count = await db.Set<AnswerRating>().Where(r => r.MemberId == memberId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.MemberId, (long?)null)
            .SetProperty(r => r.ConversationId, (long?)null)
            .SetProperty(r => r.Comment, (string?)null)
            .SetProperty(r => r.Status, r => r.Status == RatingStatus.Open ? RatingStatus.Dismissed : r.Status), ct);
        count += await db.Set<GivenAnswer>().Where(a => a.MemberId == memberId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.MemberId, (long?)null)
            .SetProperty(a => a.ConversationId, (long?)null)
            .SetProperty(a => a.Question, ""), ct);
        // Groups that only held this member's « pas utile »: closed, without their question.
        foreach (var id in groups)
        {
            if (await db.Set<AnswerRating>().AnyAsync(r => r.GroupId == id && r.Status == RatingStatus.Open, ct)) continue;
            await db.Set<QuestionGroup>().Where(g => g.Id == id && g.Status == QuestionGroupStatus.Open).ExecuteUpdateAsync(u => u
                .SetProperty(g => g.Status, QuestionGroupStatus.Dismissed)
                .SetProperty(g => g.Text, ErasedQuestion), ct);
        }
        return count;
    }
}
