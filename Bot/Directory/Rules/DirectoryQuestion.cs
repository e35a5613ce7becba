using System.Text.RegularExpressions;
using Communaute.Bot.Sessions.Rules;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>A question to the directory: the subject as typed (for people), the region asked for, if any.</summary>
public sealed partial record DirectoryQuestion(string Topic, string? Region)
{
    public bool HasTopic => TextMatching.Fold(Topic).Length > 0;

    /// <summary>
    /// « qui peut m'aider sur le financement ? », « qui a déjà monté une SCIC ? », « quelqu'un connaît l'essaimage en
    /// Normandie ? », « annuaire financement » → the subject and the region; null when the text is not such a question.
    /// </summary>
    public static DirectoryQuestion? Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500) return null;
        var folded = Folding.FoldKeepingPositions(text);
        var m = Frame().Match(folded);
        if (!m.Success) return null;
        return Of(text[(m.Index + m.Length)..]);
    }

    /// <summary>A subject given as it is (a « voir qui » button, the Q&amp;A's question).</summary>
    public static DirectoryQuestion Of(string subject)
    {
        var rest = subject.Trim().TrimEnd('?', '!', '.', ' ', '…').Trim();
        var foldedRest = Folding.FoldKeepingPositions(rest);
        if (Connector().Match(foldedRest) is { Success: true } c) rest = rest[c.Length..].Trim();
        var (region, spelling, _) = RegionNames.Extract(TextMatching.Fold(rest));
        if (spelling is not null) rest = WithoutRegion(rest, spelling);
        return new DirectoryQuestion(CardLimits.Topic(rest), region);
    }

    /// <summary>The subject without the words naming the region (« l'essaimage en Normandie » → « l'essaimage »).</summary>
    private static string WithoutRegion(string rest, string spelling)
    {
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
            for (var j = i + 1; j <= words.Length; j++)
            {
                var folded = TextMatching.Fold(string.Join(' ', words[i..j]));
                if (folded == spelling)
                {
                    var head = words[..i].ToList();
                    while (head.Count > 0 && IsLink(TextMatching.Fold(head[^1]))) head.RemoveAt(head.Count - 1);
                    return string.Join(' ', head.Concat(words[j..]));
                }
                if (folded.Length > spelling.Length) break;
            }
        return rest;
    }

    private static bool IsLink(string word) =>
        word is "en" or "a" or "dans" or "sur" or "de" or "du" or "la" or "le" or "les" or "l" or "aux" or "au" or "pour" or "vers";

    [GeneratedRegex(@"^\s*/?\s*(?:(?:bonjour|salut|hello)[\s,!]*)?(?:est[- ]ce que\s+)?(?:"
        + @"(?:qui|ki)\s+(?:est[- ]ce\s+qui\s+)?(?:peut|peu|peux|pourrait|pourait|saurait|sait|veut)\s+(?:m'?\s*|nous\s+|me\s+)?(?:aid(?:er|e|ez)|conseiller|aiguiller|accompagner|renseigner|apporter\s+un\s+cas|partager\s+son\s+experience)"
        + @"|(?:qui|ki)\s+(?:a|aurait|possede)\s+(?:deja|de\s+l'?\s*experience|l'?\s*experience|une\s+experience|de\s+l'?\s*expertise|des\s+conseils)"
        + @"|qui\s+(?:s'?\s*y\s+)?connai?t"
        + @"|quelqu'?\s*un\s+(?:qui\s+)?(?:connai?t|a\s+deja|aurait|peut|pourrait|sait|s'?\s*y\s+connai?t)(?:\s+m'?\s*aider|\s+aider)?"
        + @"|(?:chercher|trouver|je\s+cherche)\s+(?:un|une|des)\s+pairs?"
        + @"|annuaire(?:\s+des\s+experiences)?"
        + @"|voir\s+qui"
        + @")(?=$|[\s:,?!.])")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^[\s:,]*(?:(?:sur|pour|avec|dans|a\s+propos\s+de|au\s+sujet\s+de|concernant|en\s+matiere\s+de|de\s+l'?\s*experience\s+(?:sur|en|de)|d'?\s*experience\s+(?:sur|en|de)|l'?\s*experience\s+(?:de|du|des|d'))(?=\s|$)\s*)?")]
    private static partial Regex Connector();
}
