using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Features;

/// <summary>
/// The commands the app manifests already declare for capabilities still being built ("digest"):
/// an honest answer instead of a knowledge search on the word.
/// </summary>
public sealed class NotYetFeature : ITurnFeature
{
    public int Order => 150;

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (TextMatching.IsOneOf(context.Text, "digest", "digest mensuel", "lettre mensuelle"))
            context.Say("Le digest mensuel de la communauté arrive bientôt dans le bot. En attendant, tapez « aide » pour voir ce que je sais faire.");
        else
            return Task.FromResult(false);
        return Task.FromResult(true);
    }
}
