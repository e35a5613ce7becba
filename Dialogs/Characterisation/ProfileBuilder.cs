using System.Globalization;
using System.Text;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge;
using NodaTime;
using NodaTime.Text;

namespace Communaute.Dialogs.Characterisation;

/// <summary>Everything a holder gets from a result: the chart, the result card, the targets, the Markdown export.</summary>
public sealed class ProfileBuilder(ICharacterisationRepository repository, KnowledgeService knowledge)
{
    private readonly Grid _grid = Grid.Current;

    public Grid Grid => _grid;

    public async Task<string> StoreChartAsync(long memberId, CharacterisationResult result, CharacterisationResult? previous, CancellationToken ct)
    {
        var png = RadarChart.RenderPng(_grid, result.Levels, previous?.Levels, result.Skipped);
        return await repository.AddMediaAsync(memberId, "image/png", "png", png, ct);
    }

    /// <summary>
    /// Two cards: the profile (chart first, then the level of each criterion, "je ne sais pas" listed apart), and what
    /// to do next (targets, knowledge entries, pitch/export/share buttons). The chart comes first because Adaptive
    /// Cards draw the image after the sections. With <paramref name="sharedBy"/>, the cards speak to a facilitator
    /// about that holder's shared profile, and offer nothing to click.
    /// </summary>
    public IReadOnlyList<Reply> ResultCards(CharacterisationResult result, CharacterisationResult? previous, bool withActions = true, string? sharedBy = null)
    {
        var voice = sharedBy is null ? ProfileVoice.Holder : ProfileVoice.Facilitator(sharedBy);
        var unknown = Targets.Unknown(_grid, result.Levels);
        var dontKnow = Targets.DontKnow(_grid, result);
        var skipped = Targets.Skipped(_grid, result);
        var facts = _grid.Criteria.Where(c => result.Levels.ContainsKey(c.Id)).Select(c => new Fact(c.Name, LevelText(result, previous, c))).ToList();
        if (dontKnow.Count > 0) facts.Add(new Fact("Je ne sais pas encore", string.Join(", ", dontKnow.Select(c => c.Name))));
        if (skipped.Count > 0) facts.Add(new Fact("Passé", string.Join(", ", skipped.Select(c => c.Name))));
        var profile = new Card
        {
            Title = voice.ProfileTitle,
            Subtitle = $"Grille {_grid.Version} — « Inexistant » = 0, « Fort » = 3 sur chaque axe ; « ? » : je ne sais pas"
                       + (skipped.Count > 0 ? " ; « – » : passé." : ".")
                       + (previous is null ? "" : " En gris : la fois précédente."),
            Image = result.ChartMediaId is { } chart
                ? new CardImage(repository.MediaUrl(chart, "png"), previous is null ? voice.ChartAlt : voice.ChartAlt + ", aujourd'hui et la fois précédente")
                : null,
            Facts = facts,
        };

        var targets = Targets.For(_grid, result.Levels);
        var sections = new List<CardSection>();
        if (previous is not null)
            sections.Add(new CardSection("Depuis la dernière fois", ChangeSummary(result, previous)));
        if (targets.Count > 0)
            sections.Add(new CardSection(voice.TargetsHeading(targets.Count), string.Join("\n", targets.Select(t =>
                $"- **{t.Criterion.Name}** ({_grid.Levels[t.Level]} → {t.NextLevelName}) : {t.NextDescriptor}"))));
        else
            sections.Add(new CardSection(voice.TargetsHeading(0), voice.AllStrong));
        if (unknown.Count > 0)
            sections.Add(new CardSection("À clarifier", string.Join(", ", unknown.Select(c => c.Name)) + voice.Unknown));
        var suggestions = KnowledgeSuggestions.For(knowledge, targets);
        if (suggestions.Count > 0)
            sections.Add(new CardSection(voice.SuggestionsHeading, string.Join("\n", suggestions.Select(s =>
                $"- {s.Entry.Title} — pour « {s.Criterion.Name} » (source : {s.Entry.Source.Citation})"))));
        var next = new Card
        {
            Title = voice.NextTitle,
            Sections = sections,
            Choices = withActions && sharedBy is null
                ?
                [
                    ProfileActions.Pitch,
                    ProfileActions.Export,
                    ProfileActions.Share,
                ]
                : [],
        };
        return [Reply.Show(profile), Reply.Show(next)];
    }

    /// <summary>The chart of a result as the PDF export draws it.</summary>
    public ProfileChart Chart(CharacterisationResult result, CharacterisationResult? previous) =>
        new(_grid, result.Levels, previous?.Levels) { Skipped = result.Skipped };

    /// <param name="chartUrl">Where the radar PNG can be downloaded: linked from the Markdown (null: no link).</param>
    public string Markdown(CharacterisationResult result, CharacterisationResult? previous, string holderName, DateTimeZone zone, string? chartUrl = null)
    {
        var sb = new StringBuilder();
        var targets = Targets.For(_grid, result.Levels);
        sb.AppendLine($"# Profil d'innovation sociale — {holderName}");
        sb.AppendLine();
        sb.AppendLine($"Caractérisation du {FrenchDates.Numeric(result.CompletedAt.InZone(zone).Date)} — {_grid.Title}, version {_grid.Version}.");
        sb.AppendLine($"Source de la grille : {_grid.Source}.");
        sb.AppendLine();
        if (chartUrl is not null)
        {
            sb.AppendLine($"![Graphique radar du profil sur les 12 critères]({chartUrl})");
            sb.AppendLine();
        }
        sb.AppendLine("## Le besoin et la réponse");
        foreach (var q in _grid.KeyQuestions)
        {
            sb.AppendLine($"**{q.Question}**");
            sb.AppendLine();
            sb.AppendLine(result.KeyAnswers.TryGetValue(q.Id, out var a) ? a : "_(pas de réponse)_");
            sb.AppendLine();
        }
        foreach (var group in _grid.Groups)
        {
            sb.AppendLine($"## {group.Name}");
            sb.AppendLine();
            sb.AppendLine("| Critère | Niveau | Descripteur | Note |");
            sb.AppendLine("| --- | --- | --- | --- |");
            foreach (var c in group.Criteria.Where(c => result.Levels.ContainsKey(c.Id)))
            {
                var level = result.Levels[c.Id];
                sb.AppendLine($"| {Cell(c.Name)} | {_grid.Levels[level]}{Change(result, previous, c)} | {Cell(c.Levels[level])} | {Cell(result.Notes.GetValueOrDefault(c.Id, ""))} |");
            }
            sb.AppendLine();
        }
        var dontKnow = Targets.DontKnow(_grid, result);
        if (dontKnow.Count > 0)
        {
            sb.AppendLine("## Je ne sais pas encore");
            sb.AppendLine();
            foreach (var c in dontKnow)
                sb.AppendLine($"- {c.Name} ({_grid.GroupOf(c)})" + (result.Notes.TryGetValue(c.Id, out var note) ? $" — note : {note}" : ""));
            sb.AppendLine("- Une bonne question à poser à votre accompagnateur.");
            sb.AppendLine();
        }
        var skipped = Targets.Skipped(_grid, result);
        if (skipped.Count > 0)
        {
            sb.AppendLine("## Critères passés");
            sb.AppendLine();
            foreach (var c in skipped) sb.AppendLine($"- {c.Name} ({_grid.GroupOf(c)})");
            sb.AppendLine();
        }
        sb.AppendLine("## Pistes de progression");
        sb.AppendLine();
        foreach (var t in targets)
            sb.AppendLine($"- **{t.Criterion.Name}** ({_grid.Levels[t.Level]} → {t.NextLevelName}) : {t.NextDescriptor}");
        if (targets.Count == 0) sb.AppendLine("- Aucun critère renseigné en dessous de « Fort ».");
        sb.AppendLine();
        if (!string.IsNullOrWhiteSpace(result.Pitch))
        {
            sb.AppendLine("## Mon pitch (3 minutes)");
            sb.AppendLine();
            sb.AppendLine(result.Pitch);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    public string ChangeSummary(CharacterisationResult result, CharacterisationResult previous)
    {
        var up = new List<string>();
        var down = new List<string>();
        foreach (var c in _grid.Criteria)
        {
            if (!result.Levels.TryGetValue(c.Id, out var now) || !previous.Levels.TryGetValue(c.Id, out var before) || now == before) continue;
            (now > before ? up : down).Add($"{c.Name} ({_grid.Levels[before]} → {_grid.Levels[now]})");
        }
        if (up.Count == 0 && down.Count == 0) return "Pas de changement de niveau depuis votre caractérisation précédente.";
        var parts = new List<string>();
        if (up.Count > 0) parts.Add("En progrès : " + string.Join(", ", up) + ".");
        if (down.Count > 0) parts.Add("En recul : " + string.Join(", ", down) + ".");
        return string.Join("\n", parts) + " Le graphique montre les deux profils (en gris, la fois précédente).";
    }

    /// <summary>What the cards say, to the holder (their own profile) or to a facilitator (a profile shared with them).</summary>
    private sealed record ProfileVoice(string ProfileTitle, string ChartAlt, string NextTitle, string TargetsPrefix, string AllStrong, string Unknown, string SuggestionsHeading)
    {
        public static readonly ProfileVoice Holder = new(
            "Votre profil d'innovation sociale", "Graphique radar de votre profil sur les 12 critères", "Et maintenant ?", "Vos",
            "Vous vous situez au niveau « Fort » sur tous les critères renseignés.",
            " : une bonne question à poser à votre accompagnateur.", "Pour aller plus loin (base de connaissances)");

        public static ProfileVoice Facilitator(string holder) => new(
            $"Profil partagé par {holder}", $"Graphique radar du profil de {holder} sur les 12 critères", $"Pour accompagner {holder}", "Ses",
            "Le porteur se situe au niveau « Fort » sur tous les critères renseignés.",
            " : le porteur ne sait pas encore se situer, à explorer avec lui.", "Fiches à lui proposer (base de connaissances)");

        public string TargetsHeading(int count) => count switch
        {
            0 => $"{TargetsPrefix} pistes de progression",
            1 => $"{(TargetsPrefix == "Vos" ? "Votre" : "Sa")} piste de progression",
            _ => $"{TargetsPrefix} {count} pistes de progression",
        };
    }

    private string LevelText(CharacterisationResult result, CharacterisationResult? previous, Criterion c) =>
        (result.Levels.TryGetValue(c.Id, out var l) ? _grid.Levels[l] : result.Skipped.Contains(c.Id) ? "passé" : "je ne sais pas") + Change(result, previous, c);

    private string Change(CharacterisationResult result, CharacterisationResult? previous, Criterion c)
    {
        if (previous is null || !result.Levels.TryGetValue(c.Id, out var now) || !previous.Levels.TryGetValue(c.Id, out var before) || now == before) return "";
        return string.Create(CultureInfo.InvariantCulture, $" ({(now > before ? "+" : "")}{now - before} depuis {_grid.Levels[before]})");
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
