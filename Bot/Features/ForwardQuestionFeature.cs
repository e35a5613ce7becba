using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Features;

/// <summary>"transmettre": the member's last unanswered question goes to the facilitators' list.</summary>
public sealed class ForwardQuestionFeature(BotDbContext db) : ITurnFeature
{
    public int Order => TurnOrder.ForwardQuestion;

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (!TextMatching.IsOneOf(context.Text, AnswerReplies.ForwardCommand, "transmettre aux animateurs", "oui transmettre"))
            return false;

        var question = await db.UnansweredQuestions
            .Where(q => q.MemberId == context.Member.Id && q.ConversationId == context.ConversationId)
            .OrderByDescending(q => q.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            context.Say("Je n'ai pas de question en attente à transmettre pour vous.");
            return true;
        }
        if (question.Status == UnansweredStatus.Forwarded)
        {
            context.Say("C'est déjà fait : votre question a été transmise aux animateurs.");
            return true;
        }
        question.Status = UnansweredStatus.Forwarded;
        question.ForwardedAt = context.Now;
        await db.SaveChangesAsync(cancellationToken);
        context.Say("C'est transmis : les animateurs de la communauté verront votre question et la base sera complétée.");
        return true;
    }
}
