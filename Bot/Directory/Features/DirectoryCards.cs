using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Dialogs.Replies;
using Communaute.Dialogs.Intents;

namespace Communaute.Bot.ExperienceDirectory.Features;

/// <summary>The directory's replies: the card form and preview, search results, requests and introductions. Members' text is always escaped.</summary>
public static class DirectoryCards
{
    public const string ShowCommand = "ma fiche d'expérience";
    public const string SaveCommand = "enregistrer ma fiche";
    public const string PublishCommand = "publier ma fiche";
    public const string HideCommand = "masquer ma fiche";
    public const string DeleteCommand = "supprimer ma fiche";
    public const string RequestCommand = "mise en relation";
    public const string AcceptCommand = "accepter la mise en relation";
    public const string DeclineCommand = "décliner la mise en relation";
    public const string BlockCommand = "bloquer la mise en relation";

    private static string Limit(int n) => CardLimits.Number(n);

    /// <summary>The card form, filled with what is stored or proposed (or what the member typed, when it was refused).</summary>
    public static Reply Form(CardDraft values, string? lead, IReadOnlyList<string> sources) => Reply.Show(new Card
    {
        Title = "Ma fiche d'expérience",
        Subtitle = (lead is null ? "" : lead + " ")
                   + "Ce que vous pouvez apporter aux autres membres, et comment vous joindre. Rien n'est publié sans votre accord : "
                   + $"après l'enregistrement, je vous montre la fiche et vous choisissez de la publier. {Limit(CardLimits.MaxField)} caractères au plus pour les deux premiers champs.",
        Sections = sources.Count == 0 ? [] : [new CardSection("Proposé à partir de ce que je sais", string.Join("\n", sources.Select(s => "- " + s)) + "\nModifiez ou effacez librement.")],
        Inputs =
        [
            new CardInput(CardForm.HelpsWith, "Je peux aider sur", InputKind.MultilineText) { Required = true, Value = values.HelpsWith, Placeholder = "financement participatif, statut SCIC, essaimage en zone rurale…" },
            new CardInput(CardForm.LooksFor, "Je cherche", InputKind.MultilineText) { Value = values.LooksFor, Placeholder = "un retour d'expérience sur…" },
            new CardInput(CardForm.Organisation, "Structure") { Value = values.Organisation },
            new CardInput(CardForm.Region, "Région", InputKind.Choice) { Value = values.Region, Options = RegionNames.All.Select(r => new Choice(r, r)).ToList() },
            new CardInput(CardForm.Territory, "Territoire (département, ville, zone rurale…)") { Value = values.Territory },
            new CardInput(CardForm.Contact, "Comment me contacter après une mise en relation acceptée") { Value = values.Contact, Placeholder = "par e-mail : prenom@structure.org, par téléphone…" },
        ],
        SubmitLabel = "Enregistrer",
        SubmitValue = SaveCommand,
        SubmitAction = IntentCodec.Encode(new SaveExperienceCard()),
        PromptId = CardForm.PromptId,
    });

    /// <summary>The member's own card, with what they can do with it.</summary>
    public static Reply Preview(ExperienceCard card, string name, string? lead = null)
    {
        var (state, choices) = card.Status switch
        {
            CardStatus.Published => ("publiée : visible des membres de la communauté",
                new List<Choice> { new Choice("Modifier", ShowCommand).Doing(new ShowExperienceCard()), new Choice("Masquer ma fiche", HideCommand).Doing(new HideExperienceCard()), new Choice("Supprimer ma fiche", DeleteCommand, ChoiceStyle.Destructive).Doing(new DeleteExperienceCard()) }),
            CardStatus.Hidden => ("masquée : personne ne la voit",
                new List<Choice> { new Choice("Publier à nouveau", PublishCommand, ChoiceStyle.Primary).Doing(new PublishExperienceCard()), new Choice("Modifier", ShowCommand).Doing(new ShowExperienceCard()), new Choice("Supprimer ma fiche", DeleteCommand, ChoiceStyle.Destructive).Doing(new DeleteExperienceCard()) }),
            _ => ("brouillon : personne ne la voit tant que vous ne l'avez pas publiée",
                new List<Choice> { new Choice("Oui, publier ma fiche", PublishCommand, ChoiceStyle.Primary).Doing(new PublishExperienceCard()), new Choice("Modifier", ShowCommand).Doing(new ShowExperienceCard()), new Choice("Supprimer ma fiche", DeleteCommand, ChoiceStyle.Destructive).Doing(new DeleteExperienceCard()) }),
        };
        return Reply.Show(new Card
        {
            Title = $"Fiche d'expérience de {UserText.Name(name)}",
            Subtitle = (lead is null ? "" : lead + " ") + "État : " + state + "."
                       + (card.Status == CardStatus.Draft ? " Voulez-vous la publier dans l'annuaire des membres ?" : ""),
            Sections = Sections(card.HelpsWith, card.LooksFor, null, null),
            Facts = Facts(card.Organisation, card.Region, card.Territory, card.Contact, card.PausedUntil is not null ? "en pause" : null),
            Choices = choices,
        });
    }

    private static List<CardSection> Sections(string helps, string? looks, IReadOnlySet<string>? highlight, DirectoryAnalysis? analysis)
    {
        var list = new List<CardSection> { new("Peut aider sur", highlight is null || analysis is null ? UserText.Escape(helps) : Highlighter.Highlight(helps, highlight, analysis)) };
        if (!string.IsNullOrWhiteSpace(looks)) list.Add(new CardSection("Cherche", UserText.Escape(looks)));
        return list;
    }

    private static List<Fact> Facts(string? organisation, string? region, string? territory, string? contact, string? pause)
    {
        var facts = new List<Fact>();
        if (!string.IsNullOrWhiteSpace(organisation)) facts.Add(new Fact("Structure", UserText.Escape(organisation)));
        if (!string.IsNullOrWhiteSpace(region)) facts.Add(new Fact("Région", UserText.Escape(region)));
        if (!string.IsNullOrWhiteSpace(territory)) facts.Add(new Fact("Territoire", UserText.Escape(territory)));
        if (!string.IsNullOrWhiteSpace(contact)) facts.Add(new Fact("Contact (donné seulement après votre accord)", UserText.Escape(contact)));
        if (pause is not null) facts.Add(new Fact("Mises en relation", pause));
        return facts;
    }

    /// <summary>Search results: one card per member, with the request button.</summary>
    public static IReadOnlyList<Reply> Results(DirectoryQuestion question, IReadOnlyList<FoundCard> found, DirectoryAnalysis analysis)
    {
        var where = question.Region is null ? "" : $" ({UserText.Escape(question.Region)})";
        var replies = new List<Reply>
        {
            Reply.Say($"{FrenchCount.Of(found.Count, "membre a", "membres ont")} de l'expérience sur « {UserText.Escape(question.Topic)} »{where} :"),
        };
        foreach (var f in found)
            replies.Add(Reply.Show(new Card
            {
                Title = UserText.Name(f.Name),
                Sections = Sections(f.HelpsWith, null, f.Highlight, analysis),
                Facts = Facts(f.Organisation, f.Region, f.Territory, null, null),
                Choices = [new Choice("Demander une mise en relation", $"{RequestCommand} {f.MemberId} : {question.Topic}", ChoiceStyle.Primary).Doing(new RequestIntroduction(f.MemberId, question.Topic))],
            }));
        replies.Add(Reply.Say("Une mise en relation n'a lieu que si la personne accepte ; vos coordonnées ne lui sont données qu'à ce moment-là."));
        return replies;
    }

    public static Reply NoResult(DirectoryQuestion question) => new()
    {
        Text = $"Personne dans l'annuaire n'a encore indiqué d'expérience sur « {UserText.Escape(question.Topic)} »"
               + (question.Region is null ? "" : $" en {UserText.Escape(question.Region)}")
               + ". Je le signale aux animateurs, qui cherchent des membres pour ces sujets.",
        SuggestedActions = [new Choice("Poser la question à la base", question.Topic), new Choice("Ma fiche d'expérience", ShowCommand).Doing(new ShowExperienceCard())],
    };

    public static Reply AskForTopic(int published) => new()
    {
        Text = $"L'annuaire des expériences compte {FrenchCount.Of(published, "fiche publiée")}. Dites-moi sur quoi vous cherchez quelqu'un, "
               + "par exemple « qui peut m'aider sur le financement ? » ou « quelqu'un connaît l'essaimage en Normandie ? ».",
        SuggestedActions = [new Choice("Ma fiche d'expérience", ShowCommand).Doing(new ShowExperienceCard())],
    };

    /// <summary>What the peer receives: who asks, about what, and the choice.</summary>
    public static Reply RequestToPeer(long requestId, string askerFirstName, string? organisation, string? region, string topic) => Reply.Show(new Card
    {
        Title = "Demande de mise en relation",
        Sections =
        [
            new CardSection(null, $"{UserText.Name(askerFirstName)} ({UserText.Escape(organisation ?? "structure non précisée")}, {UserText.Escape(region ?? "région non précisée")}) "
                                  + $"aimerait échanger avec vous sur : {UserText.Escape(topic)}"),
            new CardSection(null, "Si vous acceptez, je vous donne ses coordonnées et je lui donne les vôtres, telles que vous les avez indiquées sur votre fiche. "
                                  + $"Si vous déclinez, je lui dis seulement que vous n'êtes pas disponible pour le moment."),
        ],
        Choices =
        [
            new Choice("Accepter", $"{AcceptCommand} {requestId}", ChoiceStyle.Primary).Doing(new AcceptIntroduction(requestId)),
            new Choice("Décliner", $"{DeclineCommand} {requestId}").Doing(new DeclineIntroduction(requestId)),
            new Choice("Bloquer cette personne", $"{BlockCommand} {requestId}", ChoiceStyle.Destructive).Doing(new BlockMember(requestId)),
        ],
    });

    /// <summary>Told to each of the two, in their own channel, once the peer accepted.</summary>
    public static Reply Introduced(string otherName, string otherContact, string topic, bool toAsker) => Reply.Show(new Card
    {
        Title = "Mise en relation acceptée",
        Sections =
        [
            new CardSection(null, (toAsker ? $"{UserText.Name(otherName)} accepte d'échanger avec vous sur : " : $"C'est fait : vous allez échanger avec {UserText.Name(otherName)} sur : ")
                                  + UserText.Escape(topic)),
            new CardSection("Pour joindre " + UserText.Name(otherName), UserText.Escape(otherContact)),
        ],
    });
}
