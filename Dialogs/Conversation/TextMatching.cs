using Communaute.French;

namespace Communaute.Dialogs.Conversation;

/// <summary>Compares what a member typed with command words: case, accents, punctuation and a leading slash ignored.</summary>
public static class TextMatching
{
    /// <summary>"  Caractériser !" → "caracteriser"; "/Aide" → "aide".</summary>
    public static string Fold(string? text) => string.IsNullOrWhiteSpace(text) ? "" : Folding.FoldWords(text.Trim().TrimStart('/'));

    /// <summary>True when the folded text is one of the words (each folded too).</summary>
    public static bool IsOneOf(string? text, params string[] words)
    {
        var folded = Fold(text);
        return folded.Length > 0 && words.Any(w => Fold(w) == folded);
    }

    /// <summary>When the text starts with the command's words, the rest as typed (trimmed, maybe empty); else null.</summary>
    public static string? After(string? text, string command)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var commandWords = Fold(command).Split(' ');
        var words = text.Trim().TrimStart('/').Split((char[]?)null, commandWords.Length + 1, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < commandWords.Length) return null;
        for (var i = 0; i < commandWords.Length; i++)
            if (Fold(words[i]) != commandWords[i]) return null;
        return words.Length > commandWords.Length ? words[^1].Trim() : "";
    }
}
