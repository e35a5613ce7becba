using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>Walks a member through the characterisation, as a person would.</summary>
internal static class CharacterisationPath
{
    public const string Need = "Des personnes âgées isolées en zone rurale, mal couvertes par les services existants.";
    public const string Answer = "Un réseau de voisins solidaires formés, coordonné par une association locale.";
    public const string Change = "Moins d'isolement et un lien entre générations sur le territoire.";

    /// <summary>Levels typed for the 12 criteria, in grid order.</summary>
    public static readonly string[] DefaultLevels =
        ["fort", "Intermédiaire", "faible", "2", "intermédiaire", "faible", "Fort", "intermediaire", "inexistant", "je ne sais pas", "faible", "inexistant"];

    public static async Task<BotSaid> StartAndAnswerKeyQuestions(TestChat chat)
    {
        (await chat.Says("caractériser mon projet")).Answers("10 minutes", "privées").Offers("Commencer");
        (await chat.Clicks("Commencer")).Answers("Quel besoin social");
        (await chat.Says(Need)).Answers("nouveau");
        (await chat.Says(Answer)).Answers("changement social");
        return (await chat.Says(Change)).Answers("Caractère collectif du projet", "1/12", "Le projet est porté par une seule personne");
    }

    public static async Task<BotSaid> AnswerCriteria(TestChat chat, string[]? levels = null)
    {
        levels ??= DefaultLevels;
        BotSaid? last = null;
        for (var i = 0; i < levels.Length; i++)
            last = await chat.Says(levels[i]);
        return last!.Answers("Récapitulatif");
    }

    public static async Task<BotSaid> Complete(TestChat chat, string[]? levels = null)
    {
        await StartAndAnswerKeyQuestions(chat);
        await AnswerCriteria(chat, levels);
        return (await chat.Clicks("Valider")).Answers("Votre profil d'innovation sociale");
    }
}
