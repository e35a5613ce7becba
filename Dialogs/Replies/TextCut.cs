namespace Communaute.Dialogs.Replies;

/// <summary>Shortening a label or an excerpt the way a person would: between two words, with « … », never mid-word.</summary>
public static class TextCut
{
    /// <summary>
    /// The text itself when it is at most <paramref name="max"/> characters; else its longest run of whole words that
    /// fits with the "…" (a single word longer than that is the only case cut inside a word).
    /// </summary>
    public static string AtWord(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max) return text;
        var room = Math.Max(1, max - 1);
        var space = text.LastIndexOfAny([' ', '\n', '\t'], room);
        var kept = space > 0 ? text[..space] : text[..room];
        // Not ending on a little word that announces the rest (« soutien à… », « pour l'… »).
        while (kept.LastIndexOf(' ') is var last and > 0 && LinkWords.Contains(kept[(last + 1)..].ToLowerInvariant()))
            kept = kept[..last];
        return kept.TrimEnd(' ', ',', ';', ':', '—', '–', '-', '(', '«', '\'', '’', '\n', '\t', '\u00A0') + "…";
    }

    private static readonly HashSet<string> LinkWords =
        ["à", "a", "au", "aux", "de", "des", "du", "d'", "en", "et", "ou", "la", "le", "les", "l'", "un", "une", "par", "pour", "sur", "avec", "dans"];
}
