using System.Globalization;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Features;

/// <summary>
/// "aide", greetings and thanks: the bot introduces what it can do, from what the features declare. Members get their
/// commands as buttons; facilitators also get theirs, which members never see.
/// </summary>
public sealed class HelpFeature(IEnumerable<IHelpContributor> contributors) : ITurnFeature
{
    public int Order => 100;

    private const string ExampleQuestion = "Qu'est-ce que l'innovation sociale ?";

    private static readonly HelpLine[] OwnLines =
    [
        new("une question", $"posez-la simplement, par exemple « {ExampleQuestion} »", 0) { Clickable = false },
        new("aide", "ce message", 900) { Clickable = false },
    ];

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var text = context.Text;
        if (TextMatching.IsOneOf(text, "aide", "help", "?", "menu", "commandes", "que sais tu faire", "que peux tu faire"))
        {
            context.Send(HelpCard(context.Member));
            return Task.FromResult(true);
        }
        if (TextMatching.IsOneOf(text, "bonjour", "salut", "hello", "bonsoir", "coucou", "hi", "hey", "bonjour !"))
        {
            context.Send(HelpCard(context.Member, Greeting(context.Member)));
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

    private Reply HelpCard(MemberInfo member, string? greeting = null)
    {
        var lines = contributors.SelectMany(c => c.HelpLines).Concat(OwnLines).OrderBy(l => l.Order).ToList();
        var forMembers = lines.Where(l => !l.FacilitatorOnly).ToList();
        // Curators share the facilitators' section (unanswered questions, answer proposals); each command still checks its role.
        var forFacilitators = member.IsFacilitator || member.Roles.Contains(MemberRoles.Curator) ? lines.Where(l => l.FacilitatorOnly).ToList() : [];
        return Reply.Show(new Card
        {
            Title = greeting ?? "Ce que je sais faire",
            Subtitle = "Je réponds à partir de la base de connaissances de la communauté, en citant mes sources. "
                       + "Cliquez un bouton, ou tapez ce qui est écrit dessus.",
            // What cannot be clicked is explained; a button says itself what it does.
            Facts = forMembers.Where(l => !l.Clickable).Select(l => new Fact(l.Command, l.Description)).ToList(),
            Sections = forFacilitators.Count == 0 ? [] :
            [
                new CardSection("Pour les animateurs", string.Join("\n", forFacilitators.Select(l => $"- **{l.Command}** : {l.Description}"))),
            ],
            Choices =
            [
                new Choice(ExampleQuestion, ExampleQuestion, ChoiceStyle.Primary),
                // One button per command: a member's line and a facilitator's may name the same one ("digest").
                .. forMembers.Concat(forFacilitators).Where(l => l.Clickable).DistinctBy(l => l.Command).Select(l => new Choice(Capitalised(l.Command), l.Command)),
            ],
        });
    }

    private static string Capitalised(string command) =>
        command.Length == 0 ? command : char.ToUpper(command[0], CultureInfo.GetCultureInfo("fr-FR")) + command[1..];
}
