using Communaute.Bot.Security;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// A click that carries a typed intent goes to the feature that declares it (<see cref="IIntentHandler"/>), before any
/// sentence is read: the intent, not the click's text, says what to do. An intent from an older card, or whose
/// arguments do not read, is answered in French and changes nothing.
/// </summary>
public static class IntentDispatch
{
    public const string OldVersion = "Ce bouton vient d'une ancienne version du bot : je ne sais plus exactement ce qu'il demandait, donc rien n'a été fait. "
        + "Affichez la carte à nouveau (par exemple « sessions ») ou tapez « aide ».";

    public const string Unreadable = "Je n'arrive pas à lire ce bouton : rien n'a été fait. Affichez la carte à nouveau (par exemple « sessions ») ou tapez « aide ».";

    /// <summary>
    /// Runs the click's intent: the feature that declares it, and whether it took the turn (false: the features after
    /// it read the turn's text). Null when the turn carries no intent a feature declares.
    /// </summary>
    public static async Task<(ITurnFeature Feature, bool Handled)?> TryRunAsync(IEnumerable<ITurnFeature> features, TurnContext context, CancellationToken ct)
    {
        if (ChoiceAction.Read(context.Turn.FormValues) is not { } action) return null;
        foreach (var feature in features)
        {
            if (feature is not IIntentHandler handler || handler.Intents.FirstOrDefault(t => IntentCodec.AttributeOf(t).Kind == action.Kind) is not { } type) continue;
            foreach (var observer in features.OfType<IIntentObserver>().Where(o => o != feature)) await observer.OtherIntentAsync(context, ct);
            var reading = IntentCodec.Decode(action, type);
            if (reading.Outcome == IntentReadOutcome.Read) return (feature, await handler.HandleAsync(reading.Intent!, context, ct));
            context.Privately().Say(reading.Outcome == IntentReadOutcome.OldVersion ? OldVersion : Unreadable);
            return (feature, true);
        }
        return null;
    }

    /// <summary>Throws when two features declare the same intent kind (a click would go to whichever comes first).</summary>
    public static void Check(IEnumerable<ITurnFeature> features)
    {
        var ties = features.OfType<IIntentHandler>()
            .SelectMany(h => h.Intents.Select(t => (Kind: IntentCodec.AttributeOf(t).Kind, Feature: h.GetType().Name, Type: t)))
            .GroupBy(x => x.Kind).Where(g => g.Select(x => x.Type).Distinct().Count() > 1).ToList();
        if (ties.Count == 0) return;
        throw new BotConfigurationException("Intentions ambiguës : " + string.Join(" ; ", ties.Select(g =>
            $"« {g.Key} » est déclarée par {string.Join(" et ", g.Select(x => $"{x.Type.Name} ({x.Feature})").Distinct())}")) + ". Donnez à chacune son propre nom.");
    }
}
