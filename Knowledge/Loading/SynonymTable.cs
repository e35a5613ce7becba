namespace Communaute.Knowledge.Loading;

/// <summary>
/// Curated groups of equivalent expressions (acronyms and their expansions), one group a line,
/// variants separated by commas: "ESS, économie sociale et solidaire". Lines starting with # are comments.
/// </summary>
public sealed class SynonymTable(IReadOnlyList<IReadOnlyList<string>> groups)
{
    public static SynonymTable Empty { get; } = new([]);

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; } = groups;

    public static SynonymTable Parse(IEnumerable<string> lines) => new(lines
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => (IReadOnlyList<string>)l.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList())
        .Where(g => g.Count > 1)
        .ToList());
}
