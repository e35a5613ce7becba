using System.Globalization;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Communaute.Bot.Delivery;

/// <summary>An intent on the messages the bot gave up, run by <see cref="FailedMessagesFeature"/>.</summary>
public interface IFailedMessagesIntent;

/// <summary>« messages en échec »: what was given up, and why.</summary>
[Intent("failed-messages-list")] public sealed record ListFailedMessages : IFailedMessagesIntent;

/// <summary>« réessayer les messages en échec »: the given-up messages back in the queue.</summary>
[Intent("failed-messages-retry")] public sealed record RetryFailedMessages : IFailedMessagesIntent;

/// <summary>
/// « messages en échec » (facilitators): the messages the bot gave up sending, and the received messages it could not
/// handle, with the reason (its kind in plain French, then the platform's answer), newest first; « réessayer les
/// messages en échec » puts the messages back in the queue.
/// </summary>
public sealed class FailedMessagesFeature(BotDbContext db, DeliverySignal signal) : ITurnFeature, IIntentHandler, IHelpContributor
{
    private const int Shown = 10;
    private const string RetryCommand = "réessayer les messages en échec";

    public int Order => TurnOrder.FailedMessages;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("messages en échec", "les messages que le bot n'a pas pu envoyer ou traiter, et pourquoi", 720) { FacilitatorOnly = true, Intent = new ListFailedMessages() },
    ];

    public IReadOnlyCollection<Type> Intents => [typeof(ListFailedMessages), typeof(RetryFailedMessages)];

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken ct) =>
        Read(context.Text) is { } intent && await HandleAsync(intent, context, ct);

    private static IFailedMessagesIntent? Read(string text) =>
        TextMatching.IsOneOf(text, "messages en echec", "messages en erreur", "messages echoues", "echecs d envoi") ? new ListFailedMessages()
        : TextMatching.IsOneOf(text, RetryCommand, "relancer les messages en echec") ? new RetryFailedMessages()
        : null;

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken ct)
    {
        if (!context.Member.IsFacilitator)
        {
            context.Privately().Say("Cette commande est réservée aux animateurs de la communauté.");
            return true;
        }
        if (intent is RetryFailedMessages) await RetryAsync(context, ct);
        else await ListAsync(context, ct);
        return true;
    }

    private async Task RetryAsync(TurnContext context, CancellationToken ct)
    {
        var now = context.Now;
        var requeued = await db.Set<OutboxMessage>().Where(o => o.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.Attempts, 0).SetProperty(o => o.NextAttemptAt, now)
                .SetProperty(o => o.FailureKind, OutboxFailureKind.None), ct);
        if (requeued > 0) signal.OutboxChanged();
        context.Say(requeued == 0
            ? "Aucun message en échec à renvoyer."
            : $"{FrenchCount.Of(requeued, "message remis", "messages remis")} dans la file d'envoi. Tapez « messages en échec » dans quelques instants pour voir ce qui reste.");
    }

    private async Task ListAsync(TurnContext context, CancellationToken ct)
    {
        var failed = await db.Set<OutboxMessage>().AsNoTracking().Where(o => o.Status == OutboxStatus.Failed)
            .OrderByDescending(o => o.Id).Take(Shown).ToListAsync(ct);
        var failedCount = await db.Set<OutboxMessage>().CountAsync(o => o.Status == OutboxStatus.Failed, ct);
        var received = await db.Set<InboxItem>().AsNoTracking().Where(i => i.State == InboxState.Failed)
            .OrderByDescending(i => i.Id).Take(Shown).ToListAsync(ct);
        var receivedCount = await db.Set<InboxItem>().CountAsync(i => i.State == InboxState.Failed, ct);
        var pending = await db.Set<OutboxMessage>().CountAsync(o => o.Status == OutboxStatus.Pending && o.Attempts > 0, ct);
        if (failedCount == 0 && receivedCount == 0)
        {
            context.Say(pending == 0
                ? "Aucun message en échec : tout ce que le bot devait envoyer est parti."
                : $"Aucun message abandonné. {FrenchCount.Of(pending, "message attend", "messages attendent")} un nouvel essai.");
            return;
        }

        var zone = context.Member.Zone;
        var sections = failed.Select(o => new CardSection(
            $"{FrenchDates.Numeric(o.CreatedAt.InZone(zone).LocalDateTime)} — {ChannelName(o.Channel)}, {Describe(o.Operation)} ({FrenchCount.Of(o.Attempts, "essai")})",
            $"{Explain(o.FailureKind)}\nDétail : {UserText.Escape(o.LastError ?? "aucun")}\nClé : {UserText.Escape(o.IdempotencyKey)}")).ToList();
        sections.AddRange(received.Select(i => new CardSection(
            $"{FrenchDates.Numeric(i.ReceivedAt.InZone(zone).LocalDateTime)} — message reçu de {ChannelName(i.Channel)} non traité ({FrenchCount.Of(i.Attempts, "essai")})",
            UserText.Escape(i.LastError ?? "raison inconnue"))));
        context.Send(Reply.Show(new Card
        {
            Title = "Messages en échec",
            Subtitle = $"Heures en {zone.Id}. Les plus récents d'abord.",
            Facts =
            [
                new Fact("Messages non envoyés", failedCount.ToString(CultureInfo.InvariantCulture)),
                new Fact("Messages reçus non traités", receivedCount.ToString(CultureInfo.InvariantCulture)),
                new Fact("En attente d'un nouvel essai", pending.ToString(CultureInfo.InvariantCulture)),
            ],
            Sections = sections,
            Choices = failedCount > 0 ? [new Choice("Réessayer les messages en échec", RetryCommand).Doing(new RetryFailedMessages())] : [],
        }));
    }

    private static string ChannelName(string channel) => channel switch
    {
        "msteams" => "Teams",
        "slack" => "Slack",
        "webchat" => "la page web",
        _ => channel,
    };

    /// <summary>Why a message was given up, as a facilitator can act on it.</summary>
    private static string Explain(OutboxFailureKind kind) => kind switch
    {
        OutboxFailureKind.TransientExhausted => "Erreurs passagères à chaque essai (plateforme indisponible, limite de débit, délai dépassé) : réessayez plus tard.",
        OutboxFailureKind.TargetGone => "Destinataire inaccessible : le bot n'a plus accès à cette conversation (bot retiré, conversation supprimée ou archivée, membre parti).",
        OutboxFailureKind.Forbidden => "Refusé : l'application n'a pas les droits nécessaires (jeton, autorisations, règles de l'espace de travail).",
        OutboxFailureKind.InvalidPayload => "Refusé : la plateforme refuse le contenu du message (format invalide ou trop long).",
        OutboxFailureKind.OriginalMissing => "Le message à modifier ou à supprimer n'a pas été envoyé ou n'existe plus.",
        OutboxFailureKind.Uncertain => "Envoi incertain : le message est peut-être arrivé ; vérifiez la conversation avant de le renvoyer.",
        OutboxFailureKind.Refused => "Refusé par la plateforme.",
        _ => "Raison non classée.",
    };

    private static string Describe(OutboxOperation operation) => operation switch
    {
        OutboxOperation.Update => "modification",
        OutboxOperation.Delete => "suppression",
        _ => "envoi",
    };
}
