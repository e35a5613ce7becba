using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Intents;

public static class FormInputs
{
    /// <summary>
    /// What the member filled in: the turn's form values less the click's intent (its kind, version and the arguments
    /// <paramref name="intent"/> carries). Empty for a button that only asks for the form.
    /// </summary>
    public static IReadOnlyDictionary<string, string> InputsBeside(this IncomingTurn turn, object intent)
    {
        if (turn.FormValues.Count == 0) return turn.FormValues;
        var carried = IntentCodec.Encode(intent).Arguments.Keys.ToHashSet();
        return turn.FormValues.Where(v => v.Key is not (ChoiceAction.KindKey or ChoiceAction.VersionKey) && !carried.Contains(v.Key)).ToDictionary();
    }
}
