namespace Communaute.Dialogs.Characterisation;

/// <summary>A criterion with room to grow, and the descriptor of the next level as the concrete target.</summary>
public sealed record Target(Criterion Criterion, int Level, string CurrentDescriptor, string NextLevelName, string NextDescriptor);

public static class Targets
{
    /// <summary>The criteria with most room to grow (lowest known level first; grid order breaks ties), at most <paramref name="count"/>.</summary>
    public static IReadOnlyList<Target> For(Grid grid, IReadOnlyDictionary<string, int> levels, int count = 3) =>
        grid.Criteria
            .Select((c, index) => (c, index, level: levels.TryGetValue(c.Id, out var l) ? l : (int?)null))
            .Where(x => x.level is < 3)
            .OrderBy(x => x.level)
            .ThenBy(x => x.index)
            .Take(count)
            .Select(x => new Target(x.c, x.level!.Value, x.c.Levels[x.level.Value], grid.Levels[x.level.Value + 1], x.c.Levels[x.level.Value + 1]))
            .ToList();

    /// <summary>Criteria answered « je ne sais pas » (not skipped).</summary>
    public static IReadOnlyList<Criterion> DontKnow(Grid grid, CharacterisationResult result) =>
        grid.Criteria.Where(c => !result.Levels.ContainsKey(c.Id) && !result.Skipped.Contains(c.Id)).ToList();

    /// <summary>Criteria passed over with « passer ».</summary>
    public static IReadOnlyList<Criterion> Skipped(Grid grid, CharacterisationResult result) =>
        grid.Criteria.Where(c => !result.Levels.ContainsKey(c.Id) && result.Skipped.Contains(c.Id)).ToList();

    /// <summary>Criteria answered "je ne sais pas" or skipped: worth clarifying.</summary>
    public static IReadOnlyList<Criterion> Unknown(Grid grid, IReadOnlyDictionary<string, int> levels) =>
        grid.Criteria.Where(c => !levels.ContainsKey(c.Id)).ToList();
}
