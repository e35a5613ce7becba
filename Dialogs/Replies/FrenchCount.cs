namespace Communaute.Dialogs.Replies;

/// <summary>
/// "1 session", "6 sessions", "0 personne prévenue": a count with its words agreed, as French does (0 and 1 take the
/// singular). Regular plurals add an s to each word; give the plural when it is not that simple.
/// </summary>
public static class FrenchCount
{
    public static string Of(int n, string singular, string? plural = null) =>
        $"{n} {(n is >= -1 and <= 1 ? singular : plural ?? Pluralise(singular))}";

    private static string Pluralise(string words) =>
        string.Join(' ', words.Split(' ').Select(w => w.Length == 0 || w.EndsWith('s') || w.EndsWith('x') || !char.IsLetter(w[^1]) || IsLinkWord(w) ? w : w + "s"));

    /// <summary>Small words that never take an s: "2 messages en attente", "3 places de clients".</summary>
    private static bool IsLinkWord(string w) => w is "de" or "d'" or "du" or "des" or "en" or "à" or "au" or "aux" or "la" or "le" or "les";
}
