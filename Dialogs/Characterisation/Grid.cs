using System.Text.Json;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// The social-innovation characterisation grid of the source workshop (ATIS, seed 002), as versioned data
/// (grid-v1.json): groups, criteria with their exact names, four level descriptors each, and the key questions.
/// </summary>
public sealed record Grid(string Version, string Title, string Source, IReadOnlyList<string> Levels,
    IReadOnlyList<KeyQuestion> KeyQuestions, IReadOnlyList<CriterionGroup> Groups)
{
    public IReadOnlyList<Criterion> Criteria => Groups.SelectMany(g => g.Criteria).ToList();

    public Criterion? Find(string id) => Criteria.FirstOrDefault(c => c.Id == id);

    public string GroupOf(Criterion criterion) => Groups.First(g => g.Criteria.Contains(criterion)).Name;

    /// <summary>The grid shipped with this version of the bot.</summary>
    public static Grid Current { get; } = Load("Communaute.Dialogs.Characterisation.grid-v1.json");

    public static Grid Load(string resource)
    {
        using var stream = typeof(Grid).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Grille introuvable : {resource}");
        var grid = JsonSerializer.Deserialize<Grid>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("Grille vide");
        if (grid.Levels.Count != 4 || grid.Criteria.Any(c => c.Levels.Count != grid.Levels.Count))
            throw new InvalidOperationException("Chaque critère de la grille doit avoir un descripteur par niveau.");
        return grid;
    }
}

public sealed record CriterionGroup(string Id, string Name, IReadOnlyList<Criterion> Criteria);

/// <summary>
/// A criterion; <see cref="Levels"/>[0..3] are the descriptors of Inexistant, Faible, Intermédiaire, Fort.
/// <see cref="SearchTerms"/> (ours, not the source's) find related knowledge entries: schemes, funding, examples;
/// <see cref="Spoken"/> (ours) names the criterion as a holder says it in a pitch ("notre modèle économique").
/// <see cref="SourceName"/> is the name as the source spells it, when the bot corrects it (« Potentiel de transformation
/// social » in the source grid): citations of the source keep the source's spelling, the bot's own text does not.
/// </summary>
public sealed record Criterion(string Id, string Name, string KnowledgeEntry, IReadOnlyList<string> Levels, string SearchTerms = "", string Spoken = "",
    string? SourceName = null);

/// <summary>A key question of the workshop on the need and the answer, asked as free text before the grid.</summary>
public sealed record KeyQuestion(string Id, string Question, string Prompt);
