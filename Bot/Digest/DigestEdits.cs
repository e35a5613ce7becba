using Communaute.Bot.Channels.Slack;

namespace Communaute.Bot.Digest;

/// <summary>The result of an edit: the new content, or why it was refused (and nothing changed).</summary>
public sealed record EditResult(DigestContent? Content, string Message)
{
    public static EditResult Refused(string message) => new(null, message);
}

/// <summary>What facilitators can do to a draft's sections, as rules on the content (no storage).</summary>
public static class DigestEdits
{
    public const int MaxSections = 12;

    public static EditResult ReplaceText(DigestContent content, int number, string text)
    {
        if (Section(content, number) is not { } index) return NoSuchSection(content, number);
        if (CheckText(text) is { } problem) return EditResult.Refused(problem);
        var sections = content.Sections.ToList();
        sections[index] = sections[index] with { Text = text.Trim(), WrittenByAi = false, EditedByFacilitator = true };
        return new(new DigestContent(sections), $"La section {number} « {sections[index].Heading} » est modifiée.");
    }

    public static EditResult AddNote(DigestContent content, string? heading, string text)
    {
        if (CheckText(text) is { } problem) return EditResult.Refused(problem);
        heading = string.IsNullOrWhiteSpace(heading) ? "Le mot des animateurs" : heading.ReplaceLineEndings(" ").Trim();
        if (heading.Length > 100) return EditResult.Refused($"Le titre fait {heading.Length} caractères : 100 au plus.");
        if (content.Sections.Count >= MaxSections) return EditResult.Refused($"Le digest a déjà {MaxSections} sections : retirez-en une ou modifiez une note existante.");
        var note = new DigestSection(SectionKinds.Note, heading, text.Trim()) { EditedByFacilitator = true };
        return new(new DigestContent([.. content.Sections, note]), $"Note « {heading} » ajoutée en section {content.Sections.Count + 1}.");
    }

    public static EditResult SetDropped(DigestContent content, int number, bool dropped)
    {
        if (Section(content, number) is not { } index) return NoSuchSection(content, number);
        var sections = content.Sections.ToList();
        if (sections[index].Dropped == dropped)
            return EditResult.Refused(dropped ? $"La section {number} est déjà retirée." : $"La section {number} est déjà dans le digest.");
        if (dropped && sections.Count(s => !s.Dropped) == 1)
            return EditResult.Refused("C'est la dernière section : pour ne rien publier ce mois-ci, tapez « ignorer ce mois ».");
        sections[index] = sections[index] with { Dropped = dropped };
        return new(new DigestContent(sections), dropped
            ? $"La section {number} « {sections[index].Heading} » est retirée (« remettre la section {number} » pour la rétablir)."
            : $"La section {number} « {sections[index].Heading} » est de retour.");
    }

    public static EditResult Move(DigestContent content, int number, int to)
    {
        if (Section(content, number) is not { } index) return NoSuchSection(content, number);
        if (to < 1 || to > content.Sections.Count) return EditResult.Refused($"Position {to} impossible : choisissez entre 1 et {content.Sections.Count}.");
        var sections = content.Sections.ToList();
        var moved = sections[index];
        sections.RemoveAt(index);
        sections.Insert(to - 1, moved);
        return new(new DigestContent(sections), $"La section « {moved.Heading} » est maintenant en position {to}.");
    }

    /// <summary>Section text: not empty, and within Slack's limit for one section (the strictest channel).</summary>
    public static string? CheckText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return "Le texte est vide : rien n'a changé.";
        if (trimmed.Length > DigestComposer.MaxSectionText)
            return $"Le texte fait {trimmed.Length} caractères : une section du digest en accepte {DigestComposer.MaxSectionText} au plus " +
                   $"(limite d'une section Slack, {SlackBlockKitRenderer.MaxSectionText} caractères). Raccourcissez-le ou répartissez-le en deux notes. Rien n'a changé.";
        return null;
    }

    private static int? Section(DigestContent content, int number) => number >= 1 && number <= content.Sections.Count ? number - 1 : null;

    private static EditResult NoSuchSection(DigestContent content, int number) =>
        EditResult.Refused($"Il n'y a pas de section {number} : le digest en a {content.Sections.Count} (tapez « digest » pour les voir).");
}
