using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Features;

/// <summary>"/quelquechose" that no feature knows gets a clear answer instead of a search.</summary>
public sealed class UnknownCommandFeature : ITurnFeature
{
    public int Order => TurnOrder.UnknownCommand;

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var text = context.Text;
        if (!text.StartsWith('/') || text.Length < 2 || !char.IsLetter(text[1])) return Task.FromResult(false);
        var command = text.Split(' ', 2)[0];
        context.Say($"Je ne connais pas la commande « {command} ». Tapez « aide » pour la liste de ce que je sais faire.");
        return Task.FromResult(true);
    }
}
