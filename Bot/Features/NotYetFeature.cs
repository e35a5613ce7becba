using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Features;

/// <summary>
/// The commands the app manifests already declare for capabilities still being built ("sessions"):
/// an honest answer instead of a knowledge search on the word.
/// </summary>
public sealed class NotYetFeature : ITurnFeature
{
    public int Order => 150;

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (TextMatching.IsOneOf(context.Text, "sessions", "session", "co-developpement", "codeveloppement", "reserver une session"))
            context.Say("Les sessions de co-développement arrivent bientôt dans le bot : publication par les animateurs, " +
                        "réservation, liste d'attente et rappels. En attendant, posez-moi vos questions sur la communauté.");
        else
            return Task.FromResult(false);
        return Task.FromResult(true);
    }
}
