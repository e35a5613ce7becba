using Communaute.Bot.Delivery;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Ratings;

/// <summary>
/// Answers given are kept as long as the answer audit (<see cref="RetentionOptions.AnswerAuditDays"/>) unless rated;
/// rated ones as long as unanswered questions (<see cref="RetentionOptions.UnansweredQuestionDays"/>), then anonymised
/// as at erasure (<see cref="RatingsPersonalData"/>): the counts per fiche stay, the member and their words go.
/// </summary>
public sealed class RatingsRetention(BotDbContext db, IOptions<RetentionOptions> options, ILogger<RatingsRetention> logger) : IDueWork
{
    private static readonly Duration Every = Duration.FromDays(1);

    public string Name => "ratings-retention";

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        var o = options.Value;
        var removed = 0;
        var anonymised = 0;
        if (o.AnswerAuditDays > 0)
        {
            var before = now - Duration.FromDays(o.AnswerAuditDays);
            removed = await db.Set<GivenAnswer>()
                .Where(a => a.At < before && !db.Set<AnswerRating>().Any(r => r.AnswerId == a.Id)).ExecuteDeleteAsync(ct);
        }
        if (o.UnansweredQuestionDays > 0)
        {
            var before = now - Duration.FromDays(o.UnansweredQuestionDays);
            anonymised = await db.Set<AnswerRating>().Where(r => r.RatedAt < before && r.MemberId != null && r.Status != RatingStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.MemberId, (long?)null).SetProperty(r => r.ConversationId, (long?)null).SetProperty(r => r.Comment, (string?)null), ct);
            await db.Set<GivenAnswer>().Where(a => a.At < before && a.MemberId != null && !db.Set<AnswerRating>().Any(r => r.AnswerId == a.Id && r.Status == RatingStatus.Open))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.MemberId, (long?)null).SetProperty(a => a.ConversationId, (long?)null).SetProperty(a => a.Question, ""), ct);
        }
        if (removed + anonymised > 0)
            logger.LogInformation("Conservation : {Removed} réponse(s) donnée(s) non notée(s) effacée(s), {Anonymised} avis anonymisé(s)", removed, anonymised);
    }

    public Task<Instant?> NextDueAsync(Instant now, CancellationToken ct) => Task.FromResult<Instant?>(now + Every);
}
