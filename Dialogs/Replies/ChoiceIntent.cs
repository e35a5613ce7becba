using Communaute.Dialogs.Intents;

namespace Communaute.Dialogs.Replies;

public static class ChoiceIntent
{
    /// <summary>This button carrying <paramref name="intent"/> (<see cref="IntentCodec"/>) beside the text it stands for.</summary>
    public static Choice Doing(this Choice choice, object intent) => choice with { Action = IntentCodec.Encode(intent) };
}
