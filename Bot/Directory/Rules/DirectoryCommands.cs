using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.ExperienceDirectory.Rules;

public enum DirectoryVerb { ShowCard, SaveCard, HelpsWith, Publish, Hide, DeleteCard, Search, Request, Accept, Decline, Block, Pause, Resume, Coverage }

/// <summary>What the member asked the directory; <see cref="Id"/> names a member (request) or a request (answer).</summary>
public sealed record DirectoryCommand(DirectoryVerb Verb, string? Payload = null, long? Id = null, DirectoryQuestion? Question = null);

/// <summary>The directory's words, typed or clicked (a button sends the same words).</summary>
public static partial class DirectoryCommands
{
    public static DirectoryCommand? Parse(string text)
    {
        if (TextMatching.IsOneOf(text, "ma fiche", "ma fiche d'experience", "ma fiche experience", "fiche d'experience", "mon experience",
                "modifier ma fiche", "creer ma fiche", "creer ma fiche d'experience", "modifier ma fiche d'experience", "voir ma fiche"))
            return new(DirectoryVerb.ShowCard);
        if (TextMatching.IsOneOf(text, "enregistrer ma fiche")) return new(DirectoryVerb.SaveCard);
        if (TextMatching.IsOneOf(text, "publier ma fiche", "oui publier ma fiche", "publier ma fiche d'experience")) return new(DirectoryVerb.Publish);
        if (TextMatching.IsOneOf(text, "masquer ma fiche", "cacher ma fiche", "masquer ma fiche d'experience", "retirer ma fiche de l'annuaire")) return new(DirectoryVerb.Hide);
        if (TextMatching.IsOneOf(text, "supprimer ma fiche", "supprimer ma fiche d'experience")) return new(DirectoryVerb.DeleteCard);
        if (TextMatching.IsOneOf(text, "couverture", "couverture de l'annuaire", "couverture annuaire")) return new(DirectoryVerb.Coverage);
        if (TextMatching.IsOneOf(text, "reprendre les mises en relation", "reprendre les mises en relations", "fin de pause des mises en relation"))
            return new(DirectoryVerb.Resume);
        foreach (var prefix in new[] { "je peux aider sur", "je peux aider pour", "je peux aider en", "je peux aider" })
            if (TextMatching.After(text, prefix) is { } helps && helps.TrimStart(':', ' ').Length > 0)
                return new(DirectoryVerb.HelpsWith, helps.TrimStart(':', ' ').Trim());
        foreach (var prefix in new[] { "pas de mise en relation", "pas de mises en relation", "pause mises en relation", "pause des mises en relation" })
            if (TextMatching.After(text, prefix) is { } until)
                return new(DirectoryVerb.Pause, until);
        foreach (var (prefix, verb) in new[] { ("accepter la mise en relation", DirectoryVerb.Accept), ("decliner la mise en relation", DirectoryVerb.Decline), ("bloquer la mise en relation", DirectoryVerb.Block) })
            if (TextMatching.After(text, prefix) is { } rest && Id().Match(rest) is { Success: true } m)
                return new(verb, Id: long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        foreach (var prefix in new[] { "mise en relation", "demander une mise en relation" })
            if (TextMatching.After(text, prefix) is { } rest && IdAndTopic().Match(rest) is { Success: true } m)
                return new(DirectoryVerb.Request, m.Groups[2].Value.Trim(), long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        if (DirectoryQuestion.Read(text) is { } question) return new(DirectoryVerb.Search, Question: question);
        return null;
    }

    [GeneratedRegex(@"^(\d{1,18})$")]
    private static partial Regex Id();

    [GeneratedRegex(@"^(\d{1,18})\s*(?:[:\-–]\s*)?(.*)$", RegexOptions.Singleline)]
    private static partial Regex IdAndTopic();
}
