using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>The directory's words, read into the intents its buttons carry.</summary>
public static partial class DirectoryCommands
{
    public static IDirectoryIntent? Parse(string text)
    {
        if (TextMatching.IsOneOf(text, "ma fiche", "ma fiche d'experience", "ma fiche experience", "fiche d'experience", "mon experience",
                "modifier ma fiche", "creer ma fiche", "creer ma fiche d'experience", "modifier ma fiche d'experience", "voir ma fiche"))
            return new ShowExperienceCard();
        if (TextMatching.IsOneOf(text, "enregistrer ma fiche")) return new SaveExperienceCard();
        if (TextMatching.IsOneOf(text, "publier ma fiche", "oui publier ma fiche", "publier ma fiche d'experience")) return new PublishExperienceCard();
        if (TextMatching.IsOneOf(text, "masquer ma fiche", "cacher ma fiche", "masquer ma fiche d'experience", "retirer ma fiche de l'annuaire")) return new HideExperienceCard();
        if (TextMatching.IsOneOf(text, "supprimer ma fiche", "supprimer ma fiche d'experience")) return new DeleteExperienceCard();
        if (TextMatching.IsOneOf(text, "couverture", "couverture de l'annuaire", "couverture annuaire")) return new ShowCoverage();
        if (TextMatching.IsOneOf(text, "reprendre les mises en relation", "reprendre les mises en relations", "fin de pause des mises en relation"))
            return new ResumeIntroductions();
        foreach (var prefix in new[] { "je peux aider sur", "je peux aider pour", "je peux aider en", "je peux aider" })
            if (TextMatching.After(text, prefix) is { } helps && helps.TrimStart(':', ' ').Length > 0)
                return new DescribeExperience(helps.TrimStart(':', ' ').Trim());
        foreach (var prefix in new[] { "pas de mise en relation", "pas de mises en relation", "pause mises en relation", "pause des mises en relation" })
            if (TextMatching.After(text, prefix) is { } until)
                return new PauseIntroductions(until);
        foreach (var (prefix, answer) in new (string, Func<long, IDirectoryIntent>)[]
                 { ("accepter la mise en relation", id => new AcceptIntroduction(id)), ("decliner la mise en relation", id => new DeclineIntroduction(id)), ("bloquer la mise en relation", id => new BlockMember(id)) })
            if (TextMatching.After(text, prefix) is { } rest && Id().Match(rest) is { Success: true } m)
                return answer(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        foreach (var prefix in new[] { "mise en relation", "demander une mise en relation" })
            if (TextMatching.After(text, prefix) is { } rest && IdAndTopic().Match(rest) is { Success: true } m)
                return new RequestIntroduction(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value.Trim() is { Length: > 0 } topic ? topic : null);
        if (DirectoryQuestion.Read(text) is { } question) return new SearchPeers(question.Topic, question.Region);
        return null;
    }

    [GeneratedRegex(@"^(\d{1,18})$")]
    private static partial Regex Id();

    [GeneratedRegex(@"^(\d{1,18})\s*(?:[:\-–]\s*)?(.*)$", RegexOptions.Singleline)]
    private static partial Regex IdAndTopic();
}
