using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Features;

/// <summary>"aide", greetings and thanks: the bot introduces what it can do, from what the features declare.</summary>
public sealed class HelpFeature(IEnumerable<IHelpContributor> contributors) : ITurnFeature
{
    public int Order => 100;

    private static readonly HelpLine[] OwnLines =
    [
        new("une question", "posez-la simplement, par exemple « Qu'est-ce que l'innovation sociale ? »", 0),
        new("aide", "ce message", 900),
    ];

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var text = context.Text;
        if (TextMatching.IsOneOf(text, "aide", "help", "?", "menu", "commandes", "que sais tu faire", "que peux tu faire"))
        {
            context.Send(HelpCard());
            return Task.FromResult(true);
        }
        if (TextMatching.IsOneOf(text, "bonjour", "salut", "hello", "bonsoir", "coucou", "hi", "hey", "bonjour !"))
        {
            context.Send(HelpCard($"Bonjour {context.Member.DisplayName} ! Je suis le bot de la Communauté émergence & accélération."));
            return Task.FromResult(true);
        }
        if (TextMatching.IsOneOf(text, "merci", "merci beaucoup", "super merci", "top merci", "thanks", "parfait merci"))
        {
            context.Say("Avec plaisir ! N'hésitez pas si vous avez une autre question.");
            return Task.FromResult(true);
        }
        if (text.Length == 0 && !context.Turn.IsClick)
        {
            context.Say("Votre message est vide. Posez-moi une question, ou tapez « aide ».");
            return Task.FromResult(true);
        }
        return Task.FromResult(false);
    }

    private Reply HelpCard(string? greeting = null)
    {
        var lines = contributors.SelectMany(c => c.HelpLines).Concat(OwnLines).OrderBy(l => l.Order).ToList();
        return Reply.Show(new Card
        {
            Title = greeting ?? "Ce que je sais faire",
            Subtitle = "Je réponds à partir de la base de connaissances de la communauté, en citant mes sources.",
            Facts = lines.Select(l => new Fact(l.Command, l.Description)).ToList(),
            Choices = [new Choice("Qu'est-ce que l'innovation sociale ?", "Qu'est-ce que l'innovation sociale ?")],
        });
    }
}
