using Communaute.Bot.Curation;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Ratings;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Knowledge;

namespace Communaute.Bot.Features;

/// <summary>The fallback of every turn: answer from the knowledge base, offer what comes close, or say plainly that it does not know.</summary>
public sealed class KnowledgeFeature(KnowledgeService knowledge, BotDbContext db, UnansweredQuestions unanswered, AnswerRatings ratings, ExperienceDirectory.PeerOffer peers)
    : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.Knowledge;

    public IEnumerable<HelpLine> HelpLines => [];

    public IReadOnlyCollection<Type> Intents => [typeof(AskQuestion), typeof(ShowKnowledgeEntry)];

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        if (intent is ShowKnowledgeEntry show)
        {
            if (knowledge.Find(show.EntryId) is not { } found) context.Say("Cette fiche n'existe plus dans la base. Posez votre question, je chercherai ce qui en parle.");
            else context.Send(AnswerReplies.FromEntry(found));
            return true;
        }
        context.Reinterpret(((AskQuestion)intent).Question);
        return await AnswerAsync(context, cancellationToken);
    }

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Text.Length == 0) return false;
        if (TextMatching.After(context.Text, AnswerReplies.EntryCommand) is { Length: > 0 } id && knowledge.Find(id) is not null)
            return await HandleAsync(new ShowKnowledgeEntry(id), context, cancellationToken);
        return await AnswerAsync(context, cancellationToken);
    }

    private async Task<bool> AnswerAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var text = context.Text;
        if (text.Length == 0) return false;

        var answer = await knowledge.AnswerAsync(text, cancellationToken);
        // Rendered before the turn's first write: on SQLite the turn holds the writer from that write to its commit.
        var replies = AnswerReplies.From(answer);
        // An answer (or close fiches) is stored so that its « Utile » / « Pas utile » buttons name it.
        var given = await ratings.RecordAsync(answer, context, cancellationToken);
        foreach (var reply in RatingButtons.Add(replies, answer.Kind, given?.Id)) context.Send(reply);
        // The base cannot answer: the members who can, when some card matches (the experience directory).
        if (answer.Kind == Knowledge.Answering.AnswerKind.Abstain) await peers.OfferAsync(text, context, cancellationToken);

        // Gaps of the base go to the curators' list, grouped with similar questions; small talk never does.
        await unanswered.RecordAsync(answer, context, cancellationToken);
        db.AnswerAudits.Add(new AnswerAudit
        {
            At = context.Now,
            Channel = context.Turn.Channel,
            MemberId = context.Member.Id,
            Question = text,
            Outcome = answer.Kind.ToString().ToLowerInvariant(),
            Sources = string.Join(',', answer.Sources.Select(s => s.Entry.Id)) is var ids && ids.Length > 1000 ? ids[..1000] : ids,
            TopScore = answer.Sources.FirstOrDefault()?.Score ?? 0,
            ElapsedMs = answer.ElapsedMs,
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
