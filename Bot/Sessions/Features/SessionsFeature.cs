using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;

namespace Communaute.Bot.Sessions.Features;

/// <summary>
/// The sessions' words in a conversation: members list, book, volunteer as client, cancel, answer offers, follow a
/// running session; facilitators create, edit, cancel, publish, see who comes, propose groups. A click and the same
/// words typed lead to the same place.
/// </summary>
public sealed class SessionsFeature(MemberSessionCommands member, FacilitatorSessionCommands facilitator, MemberSettingsCommands settings)
    : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.Sessions;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("sessions", "les prochaines sessions de co-développement, à l'heure de chez vous ; réserver, être client, liste d'attente", 300) { InGreeting = true, Intent = new ListSessions() },
        new("mes sessions", "vos réservations, votre place en liste d'attente, les invitations pour votre agenda", 310) { Intent = new ShowMySessions() },
        new("annuler ma réservation", "libérer votre place (elle est proposée à la personne suivante)", 320) { Intent = new ChooseBookingToCancel() },
        new("mon fuseau", "choisir votre fuseau horaire (Paris, Guadeloupe, Martinique, Guyane, La Réunion, Mayotte, Nouméa, Tahiti…)", 330) { Intent = new SetTimeZone() },
        new("mon organisation", "votre structure et votre région, pour des groupes qui se mélangent ; « pause sessions jusqu'au … » pour faire une pause", 340) { Intent = new SetOrganisation() },
        new("créer une session", "publier une session de co-développement (formulaire)", 700) { FacilitatorOnly = true, Intent = new CreateSession() },
        new("créer une série", "publier une série mensuelle, dite comme on la dit : « le 2e jeudi de chaque mois à 14h »", 702) { FacilitatorOnly = true, Intent = new CreateSeries() },
        new("participants 12, proposer des groupes 12", "qui vient à la session 12, avec rôles, structures et fuseaux ; des groupes qui évitent les paires déjà formées", 710) { FacilitatorOnly = true, Clickable = false },
    ];

    public IReadOnlyCollection<Type> Intents => SessionIntents.All;

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if ((SessionCommands.Parse(context.Text) ?? TypedSeriesRule(context)) is not { } intent) return false;
        return await HandleAsync(intent, context, cancellationToken);
    }

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        // Everything but the session's guide (run in the channel where it takes place) is the member's own business.
        if (intent is not StartGuide) context.Privately();
        switch (intent)
        {
            case IFacilitatorIntent when !context.Member.IsFacilitator:
                context.Say("Cette commande est réservée aux animateurs des sessions. Pour voir les sessions et réserver votre place, tapez « sessions ».");
                break;
            case IFacilitatorIntent facilitatorIntent:
                await facilitator.HandleAsync(facilitatorIntent, context, cancellationToken);
                break;
            case ISessionSettingIntent setting:
                await settings.HandleAsync(setting, context, cancellationToken);
                break;
            case ISessionIntent memberIntent:
                await member.HandleAsync(memberIntent, context, cancellationToken);
                break;
        }
        return true;
    }

    /// <summary>
    /// A facilitator answering the series form by typing its rule ("chaque premier mardi à 9h30") gets the form filled
    /// in, as with « créer une série … ». Only a rule read whole counts; members' words go on to the other features.
    /// </summary>
    private static CreateSeries? TypedSeriesRule(TurnContext context)
    {
        if (!context.Member.IsFacilitator || context.Turn.IsClick || context.Text.Length > Rules.SeriesPhrase.MaxLength) return null;
        var reading = Rules.SeriesPhrase.Read(context.Text, context.Now.InZone(context.Member.Zone).Date);
        return reading.IsComplete ? new CreateSeries(context.Text) : null;
    }
}
