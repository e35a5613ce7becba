using System.Globalization;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>What one card may hold: bounded fields, checked before anything is saved (what was typed is kept in the form).</summary>
public static class CardLimits
{
    /// <summary>« Je peux aider sur », « Je cherche »: 1 000 characters each.</summary>
    public const int MaxField = 1000;

    /// <summary>Organisation, territory, contact.</summary>
    public const int MaxShortField = 200;

    /// <summary>The subject of an introduction request, and a search kept for coverage.</summary>
    public const int MaxTopic = 300;

    /// <summary>The first field over its limit, as a sentence naming the limit; null when everything fits.</summary>
    public static string? Problem(CardDraft draft)
    {
        foreach (var (label, value, max) in new[]
                 {
                     ("« Je peux aider sur »", draft.HelpsWith, MaxField), ("« Je cherche »", draft.LooksFor, MaxField),
                     ("« Structure »", draft.Organisation, MaxShortField), ("« Territoire »", draft.Territory, MaxShortField),
                     ("« Comment me contacter »", draft.Contact, MaxShortField),
                 })
        {
            if (value is { } v && v.Length > max)
                return $"Le champ {label} fait {Number(v.Length)} caractères : {Number(max)} au plus. Rien n'a été enregistré ; votre texte est gardé dans le formulaire, raccourcissez-le.";
        }
        return null;
    }

    /// <summary>« 10 000 », « 1 000 »: thousands set apart by a space.</summary>
    public static string Number(int n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>A topic typed with a request or a search, on one line and within <see cref="MaxTopic"/>.</summary>
    public static string Topic(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= MaxTopic ? line : line[..(MaxTopic - 1)] + "…";
    }
}

/// <summary>What the member typed in the form (or in chat), before it is checked and saved.</summary>
public sealed record CardDraft(string? HelpsWith, string? LooksFor, string? Organisation, string? Region, string? Territory, string? Contact)
{
    /// <summary>Reads a submitted form; blank fields are null.</summary>
    public static CardDraft FromForm(IReadOnlyDictionary<string, string> form) => new(
        Value(form, CardForm.HelpsWith), Value(form, CardForm.LooksFor), Value(form, CardForm.Organisation),
        Value(form, CardForm.Region), Value(form, CardForm.Territory), Value(form, CardForm.Contact));

    private static string? Value(IReadOnlyDictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>Input ids of the card form.</summary>
public static class CardForm
{
    public const string HelpsWith = "aide", LooksFor = "cherche", Organisation = "structure", Region = "region", Territory = "territoire", Contact = "contact";
    public const string PromptId = "annuaire-fiche";
}
