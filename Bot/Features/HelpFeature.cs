using System.Globalization;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Features;

/// <summary>
/// "aide", greetings and thanks: the bot introduces what it can do, from what the features declare. Members get their
/// commands as buttons; facilitators also get theirs, which members never see.
/// </summary>
public sealed class HelpFeature(IEnumerable<IHelpContributor> contributors) : ITurnFeature, IIntentHandler
{
    public int Order => TurnOrder.Help;

    private const string ExampleQuestion = "Qu'est-ce que l'innovation sociale ?";

    /// <summary>The greeting's button to the whole help; typed, it shows the help too.</summary>
    private static readonly Choice AllCommands = new Choice("Tout ce que je sais faire", "aide").Doing(new ShowHelp());

    /// <summary>Buttons on the facilitators' help card; the other commands are in its text.</summary>
    public const int FacilitatorButtons = 4;

    private static readonly HelpLine[] OwnLines =
    [
        new("une question", $"posez-la simplement, par exemple « {ExampleQuestion} »", 0) { Clickable = false },
        new("aide", "ce message", 900) { Clickable = false },
    ];

    public IReadOnlyCollection<Type> Intents => [typeof(ShowHelp)];

    public Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        foreach (var card in HelpCards(context.Member, context.Turn.Channel)) context.Send(card);
        return Task.FromResult(true);
    }

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var text = context.Text;
        if (TextMatching.IsOneOf(text, "aide", "help", "?", "menu", "commandes", "que sais tu faire", "que peux tu faire", AllCommands.Label))
            return HandleAsync(new ShowHelp(), context, cancellationToken);
        if (TextMatching.IsOneOf(text, "bonjour", "salut", "hello", "bonsoir", "coucou", "hi", "hey", "bonjour !"))
        {
            context.Send(GreetingCard(context.Member));
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

    /// <summary>By name when the channel gave one (the chat page gives none: "membre" is the directory's stand-in).</summary>
    private static string Greeting(MemberInfo member)
    {
        var name = member.DisplayName.Trim();
        var hello = name.Length == 0 || name == "membre" ? "Bonjour !" : $"Bonjour {UserText.Escape(name)} !";
        return hello + " Je suis le bot de la Communauté émergence & accélération.";
    }

    /// <summary>The first words: what the bot is and the four things most people come for; « aide » has the rest.</summary>
    private Reply GreetingCard(MemberInfo member)
    {
        return Reply.Show(new Card
        {
            Title = Greeting(member),
            Subtitle = "Je réponds à vos questions à partir de la base de connaissances de la communauté, en citant mes sources ; "
                       + "je vous aide aussi à caractériser votre projet et à rejoindre les sessions de co-développement.",
            Choices =
            [
                AnswerReplies.Ask(ExampleQuestion) with { Style = ChoiceStyle.Primary },
                .. AllLines().Where(l => l.InGreeting && !l.FacilitatorOnly && l.Clickable).Select(Button),
                AllCommands,
            ],
        });
    }

    /// <summary>
    /// Every member command as a button; facilitators (and curators, who share their section) get theirs on a second
    /// card, so nobody wonders which buttons are theirs. Each command still checks its role.
    /// </summary>
    private IEnumerable<Reply> HelpCards(MemberInfo member, string channel)
    {
        var lines = AllLines();
        var forMembers = lines.Where(l => !l.FacilitatorOnly).ToList();
        yield return Reply.Show(new Card
        {
            Title = "Ce que je sais faire",
            Subtitle = "Je réponds à partir de la base de connaissances de la communauté, en citant mes sources. "
                       + (channel == Verbs.ChatVerb.Channel
                           ? "Tapez le numéro d'un choix, ou ce qui est écrit à côté."
                           : "Cliquez un bouton, ou tapez ce qui est écrit dessus."),
            // What cannot be clicked is explained; a button says itself what it does.
            Facts = forMembers.Where(l => !l.Clickable).Select(l => new Fact(l.Command, l.Description)).ToList(),
            Choices =
            [
                AnswerReplies.Ask(ExampleQuestion) with { Style = ChoiceStyle.Primary },
                .. forMembers.Where(l => l.Clickable).Select(Button),
            ],
        });
        if (!member.IsFacilitator && !member.Roles.Contains(MemberRoles.Curator)) yield break;
        var forFacilitators = lines.Where(l => l.FacilitatorOnly).ToList();
        var memberCommands = forMembers.Select(l => l.Command).ToHashSet();
        yield return Reply.Show(new Card
        {
            Title = "Pour les animateurs",
            Sections = [new CardSection(null, string.Join("\n", forFacilitators.Select(l => $"- **{l.Command}** : {l.Description}")))],
            // A command members have too ("digest") is already a button above. Every command is listed in the text; only
            // the first few are buttons, so that « aide » is not a wall of two dozen full-width buttons.
            Choices = forFacilitators.Where(l => l.Clickable && !memberCommands.Contains(l.Command)).DistinctBy(l => l.Command)
                .Take(FacilitatorButtons).Select(Button).ToList(),
        });
    }

    /// <summary>A help line's button: its command as text, and the intent it stands for.</summary>
    private static Choice Button(HelpLine line)
    {
        var choice = new Choice(Capitalised(line.Command), line.Command);
        return line.Intent is null ? choice : choice.Doing(line.Intent);
    }

    private List<HelpLine> AllLines() => contributors.SelectMany(c => c.HelpLines).Concat(OwnLines).OrderBy(l => l.Order).ToList();

    /// <summary>A command as its help button shows it: « Mes sessions ».</summary>
    public static string Capitalised(string command) =>
        command.Length == 0 ? command : char.ToUpper(command[0], CultureInfo.GetCultureInfo("fr-FR")) + command[1..];
}
