using Communaute.Bot.Delivery;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Communaute.Bot.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Security;

/// <summary>The "Retention" configuration section: how long records are kept, in days (0 = kept forever).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>What the bot answered to each question (quality follow-up).</summary>
    public int AnswerAuditDays { get; set; } = 180;

    /// <summary>Questions the base could not answer (curators, digest).</summary>
    public int UnansweredQuestionDays { get; set; } = 365;

    /// <summary>Visitors of the web chat page, and everything about them, after this many days without a message.</summary>
    public int WebChatMemberDays { get; set; } = 30;
}

/// <summary>Deletes what is older than <see cref="RetentionOptions"/> allows, once a day or when the oldest record comes due.</summary>
public sealed class RetentionWork(BotDbContext db, PersonalDataService personalData, IOptions<RetentionOptions> options, ILogger<RetentionWork> logger) : IDueWork
{
    private const int Batch = 200;
    private static readonly Duration Sweep = Duration.FromDays(1);

    public string Name => "retention";

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        var o = options.Value;
        var audits = o.AnswerAuditDays > 0
            ? await db.AnswerAudits.Where(a => a.At < now - Duration.FromDays(o.AnswerAuditDays)).ExecuteDeleteAsync(ct) : 0;
        var questions = o.UnansweredQuestionDays > 0
            ? await db.UnansweredQuestions.Where(q => q.AskedAt < now - Duration.FromDays(o.UnansweredQuestionDays)).ExecuteDeleteAsync(ct) : 0;
        var visitors = 0;
        if (o.WebChatMemberDays > 0)
        {
            var limit = now - Duration.FromDays(o.WebChatMemberDays);
            while (true)
            {
                var ids = await StaleVisitors(limit).OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
                foreach (var id in ids) await personalData.DeleteAsync(id, ct);
                visitors += ids.Count;
                if (ids.Count < Batch) break;
            }
        }
        if (audits + questions + visitors > 0)
            logger.LogInformation("Conservation : {Audits} réponse(s) journalisée(s), {Questions} question(s) sans réponse et {Visitors} visiteur(s) de la page effacés",
                audits, questions, visitors);
    }

    public async Task<Instant?> NextDueAsync(Instant now, CancellationToken ct)
    {
        var o = options.Value;
        var next = now + Sweep;
        if (o.AnswerAuditDays > 0 && await db.AnswerAudits.OrderBy(a => a.At).Select(a => (Instant?)a.At).FirstOrDefaultAsync(ct) is { } audit)
            next = Min(next, audit + Duration.FromDays(o.AnswerAuditDays));
        if (o.UnansweredQuestionDays > 0 && await db.UnansweredQuestions.OrderBy(q => q.AskedAt).Select(q => (Instant?)q.AskedAt).FirstOrDefaultAsync(ct) is { } question)
            next = Min(next, question + Duration.FromDays(o.UnansweredQuestionDays));
        return next < now ? now : next;
    }

    private IQueryable<Member> StaleVisitors(Instant limit) =>
        db.Members.Where(m => m.Channel == WebChatEndpoints.Channel && m.LastSeenAt < limit);

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
