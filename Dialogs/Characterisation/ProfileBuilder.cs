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
    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("dd/MM/yyyy");
    private readonly Grid _grid = Grid.Current;

    public Grid Grid => _grid;

    public async Task<string> StoreChartAsync(long memberId, CharacterisationResult result, CharacterisationResult? previous, CancellationToken ct)
    {
        var png = RadarChart.RenderPng(_grid, result.Levels, previous?.Levels);
        return await repository.AddMediaAsync(memberId, "image/png", "png", png, ct);
    }

    /// <summary>
    /// Two cards: the profile (chart first, then the level of each criterion), and what to do next (targets,
    /// knowledge entries, pitch/export/share buttons). The chart comes first because Adaptive Cards draw the image
    /// after the sections.
    /// </summary>
    public IReadOnlyList<Reply> ResultCards(CharacterisationResult result, CharacterisationResult? previous, bool withActions = true)
    {
        var profile = new Card
        {
            Title = "Votre profil d'innovation sociale",
            Subtitle = $"Grille {_grid.Version} — « Inexistant » = 0, « Fort » = 3 sur chaque axe."
                       + (previous is null ? "" : " En gris : la fois précédente."),
            Image = result.ChartMediaId is { } chart
                ? new CardImage(repository.MediaUrl(chart, "png"), previous is null
                    ? "Graphique radar de votre profil sur les 12 critères"
                    : "Graphique radar de votre profil, aujourd'hui et la fois précédente")
                : null,
            Facts = _grid.Criteria.Select(c => new Fact(c.Name, LevelText(result, previous, c))).ToList(),
        };

        var targets = Targets.For(_grid, result.Levels);
        var sections = new List<CardSection>();
        if (previous is not null)
            sections.Add(new CardSection("Depuis la dernière fois", ChangeSummary(result, previous)));
        if (targets.Count > 0)
            sections.Add(new CardSection("Vos 3 pistes de progression", string.Join("\n", targets.Select(t =>
                $"- **{t.Criterion.Name}** ({_grid.Levels[t.Level]} → {t.NextLevelName}) : {t.NextDescriptor}"))));
        else
            sections.Add(new CardSection("Vos pistes de progression", "Vous vous situez au niveau « Fort » sur tous les critères renseignés."));
        var unknown = Targets.Unknown(_grid, result.Levels);
        if (unknown.Count > 0)
            sections.Add(new CardSection("À clarifier", string.Join(", ", unknown.Select(c => c.Name)) + " : une bonne question à poser à votre accompagnateur."));
        var suggestions = KnowledgeSuggestions.For(knowledge, targets);
        if (suggestions.Count > 0)
            sections.Add(new CardSection("Pour aller plus loin (base de connaissances)", string.Join("\n", suggestions.Select(s =>
                $"- {s.Entry.Title} — pour « {s.Criterion.Name} » (source : {s.Entry.Source.Citation})"))));
        var next = new Card
        {
            Title = "Et maintenant ?",
            Sections = sections,
            Choices = withActions
                ?
                [
                    new Choice("Préparer mon pitch", "préparer mon pitch", ChoiceStyle.Primary),
                    new Choice("Exporter (Markdown)", "exporter mon profil"),
                    new Choice("Partager avec les animateurs", "partager mon profil"),
                ]
                : [],
        };
        return [Reply.Show(profile), Reply.Show(next)];
    }

    public string Markdown(CharacterisationResult result, CharacterisationResult? previous, string holderName, DateTimeZone zone)
    {
        var sb = new StringBuilder();
        var targets = Targets.For(_grid, result.Levels);
        sb.AppendLine($"# Profil d'innovation sociale — {holderName}");
        sb.AppendLine();
        sb.AppendLine($"Caractérisation du {Date.Format(result.CompletedAt.InZone(zone).Date)} — {_grid.Title}, version {_grid.Version}.");
        sb.AppendLine($"Source de la grille : {_grid.Source}.");
        sb.AppendLine();
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
            foreach (var c in group.Criteria)
            {
                var has = result.Levels.TryGetValue(c.Id, out var level);
                sb.AppendLine($"| {Cell(c.Name)} | {(has ? _grid.Levels[level] : "je ne sais pas")}{Change(result, previous, c)} | {(has ? Cell(c.Levels[level]) : "")} | {Cell(result.Notes.GetValueOrDefault(c.Id, ""))} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine("## Pistes de progression");
        sb.AppendLine();
        foreach (var t in targets)
            sb.AppendLine($"- **{t.Criterion.Name}** ({_grid.Levels[t.Level]} → {t.NextLevelName}) : {t.NextDescriptor}");
        if (targets.Count == 0) sb.AppendLine("- Aucun critère en dessous de « Fort ».");
        var unknown = Targets.Unknown(_grid, result.Levels);
        if (unknown.Count > 0) sb.AppendLine($"- À clarifier : {string.Join(", ", unknown.Select(c => c.Name))}");
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

    private string LevelText(CharacterisationResult result, CharacterisationResult? previous, Criterion c) =>
        (result.Levels.TryGetValue(c.Id, out var l) ? _grid.Levels[l] : "je ne sais pas") + Change(result, previous, c);

    private string Change(CharacterisationResult result, CharacterisationResult? previous, Criterion c)
    {
        if (previous is null || !result.Levels.TryGetValue(c.Id, out var now) || !previous.Levels.TryGetValue(c.Id, out var before) || now == before) return "";
        return string.Create(CultureInfo.InvariantCulture, $" ({(now > before ? "+" : "")}{now - before} depuis {_grid.Levels[before]})");
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
