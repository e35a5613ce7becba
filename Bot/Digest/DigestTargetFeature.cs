using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Digest;

/// <summary>Facilitators choose where the digest goes, from the conversation itself (a Teams or Slack channel).</summary>
public sealed class DigestTargetFeature(DigestTargets targets, DigestDeliveries deliveries, BotDbContext db) : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.DigestTarget;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new(DigestCommands.Subscribe, "(animateurs) publier le digest dans cette conversation (« désabonner ce canal » pour arrêter, « canaux du digest » pour la liste)", 650) { Intent = new SubscribeChannelToDigest() },
    ];

    public IReadOnlyCollection<Type> Intents => DigestIntents.Targets;

    public Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken ct) => DigestIntents.RunAsync(intent, context, TryHandleAsync, ct);

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken ct)
    {
        var text = context.Text;
        var subscribe = TextMatching.IsOneOf(text, DigestCommands.Subscribe, "abonner ce canal", "abonner cette conversation au digest", "abonner au digest");
        var unsubscribe = TextMatching.IsOneOf(text, DigestCommands.Unsubscribe, "desabonner", "desabonner ce canal du digest", "desabonner du digest");
        var list = TextMatching.IsOneOf(text, DigestCommands.Targets, "liste des canaux du digest", "canaux abonnes");
        var remove = TextMatching.After(text, DigestCommands.RemoveTarget) is { Length: > 0 } id ? id : null;
        if (!subscribe && !unsubscribe && !list && remove is null) return false;
        if (!context.Member.IsFacilitator)
        {
            context.Say("Seuls les animateurs choisissent les canaux où le digest est publié. Tapez « digest » pour lire le dernier.");
            return true;
        }

        if (subscribe)
        {
            var outcome = await targets.SubscribeAsync(context.ConversationId, context.Member.Id, context.Now, ct);
            context.Say(outcome switch
            {
                SubscribeOutcome.Added => $"C'est fait : le digest mensuel sera publié ici, le premier jour ouvré du mois à {FrenchDates.Time(DigestCalendar.PostingTime)} ({ZoneNames.For(DigestCalendar.Paris).TimeOf})."
                                          + (context.Turn.IsGroup ? "" : " Note : c'est une conversation privée ; pour la communauté, abonnez plutôt un canal."),
                SubscribeOutcome.Reactivated => "Cette conversation avait été mise de côté ; elle reçoit de nouveau le digest.",
                _ => "Cette conversation reçoit déjà le digest.",
            });
        }
        else if (unsubscribe)
        {
            var target = await targets.ForConversationAsync(context.ConversationId, ct);
            context.Say(target is not null && await targets.RemoveAsync(target.Id, ct)
                ? "C'est fait : le digest ne sera plus publié ici."
                : "Cette conversation n'est pas abonnée au digest : rien à faire.");
        }
        else if (list) await ListAsync(context, ct);
        else if (long.TryParse(remove, out var targetId) && await targets.RemoveAsync(targetId, ct))
            context.Say("Ce canal ne recevra plus le digest.");
        else context.Say("Ce canal n'est pas (ou plus) dans la liste. Tapez « canaux du digest » pour la voir.");
        return true;
    }

    private async Task ListAsync(TurnContext context, CancellationToken ct)
    {
        var all = await targets.ListAsync(ct);
        if (all.Count == 0)
        {
            context.Say("Aucun canal n'est abonné au digest. Dans un canal Teams ou Slack de la communauté, mentionnez le bot : « abonner ce canal au digest ».");
            return;
        }
        // Where the last digest handed to the outbox stands in each channel, as the outbox recorded it.
        var last = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => db.Set<DigestPosting>().Any(p => p.DigestId == d.Id && p.Status != DigestPostingStatus.Pending))
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        var states = last is null ? [] : await deliveries.ForDigestAsync(last, ct);
        string State(DigestTarget t) => states.TryGetValue(t.Id, out var d)
            ? $" — digest de {DigestLifecycle.MonthName(last!)} : {UserText.Escape(DigestDraftBuilder.Clip(d.Describe(), 160))}"
            : "";
        context.Send(Reply.Show(new Card
        {
            Title = $"Canaux abonnés au digest ({all.Count})",
            Sections = [new CardSection(null, string.Join("\n", all.Select(t => "- " + UserText.Escape(t.Label)
                + (t.Target.ParkedAt is null ? "" : " — mis de côté : le bot n'y a plus accès") + State(t.Target))))],
            Choices = all.Take(20).Select(t => DigestIntents.Button(DigestDraftBuilder.Clip("Retirer : " + t.Label, 60), new RemoveDigestChannel(t.Target.Id), ChoiceStyle.Destructive)).ToList(),
            PromptId = "digest-targets",
        }));
    }
}
