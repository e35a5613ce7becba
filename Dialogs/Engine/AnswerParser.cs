using System.Globalization;
using Communaute.Dialogs.Conversation;

namespace Communaute.Dialogs.Engine;

/// <summary>An accepted answer: the value to store, an optional note, and a remark for the member (e.g. text cut).</summary>
public sealed record ParsedAnswer(string Value, string? Note = null, string? Notice = null);

/// <summary>
/// Reads an answer to a prompt. Typed text and clicked buttons are the same input: "fort", "Fort", "4"
/// and a click on "Fort" give the same value.
/// </summary>
public static class AnswerParser
{
    private static readonly char[] NoteSeparators = [':', '\n', '—', '–', '-', ','];

    /// <summary>The answer, or null with <paramref name="expected"/> saying what the prompt waits for.</summary>
    public static ParsedAnswer? Parse(PromptSpec prompt, string text, IReadOnlyDictionary<string, string> formValues, out string expected)
    {
        expected = Expected(prompt);
        text = text.Trim();
        switch (prompt.Kind)
        {
            case PromptKind.Choice:
            case PromptKind.Confirm:
            {
                if (Match(prompt.Options, text) is { } option)
                    return new ParsedAnswer(option.Value, NoteFrom(prompt, formValues.GetValueOrDefault("note"), out var n1), n1);
                if (!prompt.AllowsNote) return null;
                // "faible : nous cherchons des partenaires" → the choice, then a note.
                var cut = text.IndexOfAny(NoteSeparators);
                while (cut > 0)
                {
                    if (Match(prompt.Options, text[..cut]) is { } head)
                        return new ParsedAnswer(head.Value, NoteFrom(prompt, text[(cut + 1)..], out var n2), n2);
                    cut = text.IndexOfAny(NoteSeparators, cut + 1);
                }
                var space = text.IndexOf(' ');
                if (space > 0 && Match(prompt.Options, text[..space]) is { } first)
                    return new ParsedAnswer(first.Value, NoteFrom(prompt, text[(space + 1)..], out var n3), n3);
                return null;
            }
            case PromptKind.Number:
            {
                var normalised = text.Replace(" ", "").Replace('\u202F'.ToString(), "").Replace(',', '.');
                if (!double.TryParse(normalised, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return null;
                if (prompt.Min is { } min && number < min) return null;
                if (prompt.Max is { } max && number > max) return null;
                return new ParsedAnswer(number.ToString(CultureInfo.InvariantCulture));
            }
            default:
            {
                if (Match(prompt.Options, text) is { } shortcut) return new ParsedAnswer(shortcut.Value);
                if (TextMatching.Fold(text).Length == 0) return null;
                if (text.Length <= prompt.MaxLength) return new ParsedAnswer(text);
                return new ParsedAnswer(Cut(text, prompt.MaxLength),
                    Notice: $"Votre réponse était longue : j'en ai gardé les {prompt.MaxLength} premiers caractères.");
            }
        }
    }

    /// <summary>The option the text names: its value, label, an alias, or its number (1 = first).</summary>
    public static PromptOption? Match(IReadOnlyList<PromptOption> options, string text)
    {
        var folded = TextMatching.Fold(text);
        if (folded.Length == 0) return null;
        foreach (var o in options)
            if (TextMatching.Fold(o.Value) == folded || TextMatching.Fold(o.Label) == folded || o.Aliases.Any(a => TextMatching.Fold(a) == folded))
                return o;
        if (int.TryParse(folded, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= options.Count)
            return options[n - 1];
        return null;
    }

    public static string Expected(PromptSpec prompt) => prompt.Kind switch
    {
        PromptKind.Choice => $"Répondez par l'un des choix proposés : {string.Join(", ", prompt.Options.Select(o => $"« {o.Label} »"))} "
                             + $"(ou son numéro, de 1 à {prompt.Options.Count})"
                             + (prompt.AllowsNote ? ", éventuellement suivi d'une note : « faible : notre remarque »." : "."),
        PromptKind.Confirm => $"Répondez par « {prompt.Options[0].Label} » ou « {prompt.Options[1].Label} ».",
        PromptKind.Number => prompt.Min is { } min && prompt.Max is { } max
            ? $"J'attends un nombre entre {min.ToString(CultureInfo.GetCultureInfo("fr-FR"))} et {max.ToString(CultureInfo.GetCultureInfo("fr-FR"))}."
            : "J'attends un nombre.",
        _ => "J'attends une réponse écrite, en quelques mots ou quelques phrases (ou « passer » pour continuer sans répondre).",
    };

    private static string? NoteFrom(PromptSpec prompt, string? raw, out string? notice)
    {
        notice = null;
        var note = raw?.Trim().TrimStart(':', '-', '—', '–', ',').Trim();
        if (string.IsNullOrEmpty(note) || TextMatching.Fold(note).Length == 0) return null;
        if (note.Length <= prompt.NoteMaxLength) return note;
        notice = $"Votre note était longue : j'en ai gardé les {prompt.NoteMaxLength} premiers caractères.";
        return Cut(note, prompt.NoteMaxLength);
    }

    private static string Cut(string text, int max)
    {
        var cut = text[..max];
        if (char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
        return cut.TrimEnd();
    }
}
