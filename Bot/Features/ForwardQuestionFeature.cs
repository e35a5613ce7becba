using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Features;

/// <summary>"transmettre": the member's last unanswered question goes to the facilitators' list.</summary>
public sealed class ForwardQuestionFeature(BotDbContext db) : ITurnFeature, IIntentHandler
{
    public int Order => TurnOrder.ForwardQuestion;

    public IReadOnlyCollection<Type> Intents => [typeof(ForwardQuestion)];

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        // « transmettre : … » names the question; « transmettre » alone, the last one asked here.
        var text = context.Text.Trim();
        var prefix = AnswerReplies.ForwardCommand + AnswerReplies.ForwardQuestionSeparator;
        string? asked = text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text[prefix.Length..].Trim() : null;
        if (asked is null && !TextMatching.IsOneOf(context.Text, AnswerReplies.ForwardCommand, "transmettre aux animateurs", "oui transmettre"))
            return false;
        return await HandleAsync(new ForwardQuestion(asked ?? ""), context, cancellationToken);
    }

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        var asked = ((ForwardQuestion)intent).Question is { Length: > 0 } named ? named : null;

        var mine = db.UnansweredQuestions.Where(q => q.MemberId == context.Member.Id && q.ConversationId == context.ConversationId);
        var question = asked is null ? null : (await mine.Where(q => q.Text.StartsWith(asked)).OrderByDescending(q => q.Id).ToListAsync(cancellationToken))
            .FirstOrDefault(q => AnswerReplies.ForwardValue(q.Text) == AnswerReplies.ForwardValue(asked));
        question ??= await mine.OrderByDescending(q => q.Id).FirstOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            context.Say("Je n'ai pas de question en attente à transmettre pour vous.");
            return true;
        }
        if (question.Status == UnansweredStatus.Forwarded)
        {
            context.Say($"C'est déjà fait : votre question « {Quoted(question.Text)} » a été transmise aux animateurs.");
            return true;
        }
        question.Status = UnansweredStatus.Forwarded;
        question.ForwardedAt = context.Now;
        await db.SaveChangesAsync(cancellationToken);
        context.Say($"C'est transmis : les animateurs de la communauté verront votre question « {Quoted(question.Text)} » et la base sera complétée.");
        return true;
    }

    private static string Quoted(string question) => UserText.Escape(TextCut.AtWord(question.ReplaceLineEndings(" "), 120));
}
