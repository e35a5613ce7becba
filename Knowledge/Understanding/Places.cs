using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

/// <summary>A place a member may name (a city, a department, a metropolis) and the regions it belongs to: before 2016, then now.</summary>
public sealed record Place(string Name, IReadOnlyList<string> Regions);

/// <summary>
/// Members situate themselves by their city or department (« on est à Amiens », « dans le Var »); the base names regions.
/// A place the base does not know is read as its region, the one the base uses (the 2015 fiches name the regions of
/// before 2016). A place the base knows is left as typed: its own fiches come first.
/// </summary>
public sealed partial class Places
{
    public const string FileName = "lieux.txt";

    /// <summary>How a rewrite made here is named among the question's rewrites (« lieu : Amiens → Picardie »).</summary>
    public const string RewritePrefix = "lieu : ";

    private readonly List<(string Folded, Place Place)> _longestFirst;

    public static Places Empty { get; } = new([]);

    public Places(IEnumerable<Place> places)
    {
        _longestFirst = places
            .Select(p => (Folding.Fold(p.Name), p))
            .Where(x => x.Item1.Length >= 3 && !x.Item1.All(char.IsDigit))
            .DistinctBy(x => x.Item1)
            .OrderByDescending(x => x.Item1.Length)
            .ToList();
        _placesAndRegions = _longestFirst.Select(p => p.Folded)
            .Concat(_longestFirst.SelectMany(p => p.Place.Regions).Select(Folding.Fold))
            .ToHashSet(StringComparer.Ordinal);
    }

    public int Count => _longestFirst.Count;

    private readonly HashSet<string> _placesAndRegions;

    /// <summary>True for a place or a region name (folded): what situates a question, not what it is about.</summary>
    public bool IsPlaceOrRegion(string folded) => _placesAndRegions.Contains(folded);

    /// <summary>Reads « noms du lieu = ancienne région, région actuelle » lines (comments and blanks already removed).</summary>
    public static Places Parse(IEnumerable<string> lines)
    {
        var places = new List<Place>();
        foreach (var line in lines)
        {
            var parts = line.Split('=', 2);
            if (parts.Length != 2) continue;
            var regions = parts[1].Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
            if (regions.Count == 0) continue;
            foreach (var name in parts[0].Split(',').Select(n => n.Trim()).Where(n => n.Length > 0))
                places.Add(new Place(name, regions));
        }
        return new Places(places);
    }

    /// <summary>
    /// The text with each place the base does not know replaced by the first of its regions the base knows; the
    /// rewrites made are added to <paramref name="rewrites"/>. A short one-word name, often an everyday word too
    /// (« Tours », « Cher », « Gap », « Var »), counts only when typed with a capital.
    /// </summary>
    public string ReadAsRegions(string text, Func<string, bool> baseKnows, List<string> rewrites)
    {
        if (_longestFirst.Count == 0 || text.Length == 0) return text;
        var folded = Folding.Fold(text);
        // Folding keeps one character for one (but œ and æ): positions agree when the text has neither.
        if (folded.Length != text.Length) return text;
        var taken = new bool[text.Length];
        var replacements = new List<(int At, int Length, string Region, string Typed)>();
        foreach (var (name, place) in _longestFirst)
        {
            var from = 0;
            while ((from = folded.IndexOf(name, from, StringComparison.Ordinal)) >= 0)
            {
                var at = from;
                from += name.Length;
                if (!WholeWord(folded, at, name.Length) || taken.AsSpan(at, name.Length).Contains(true)) continue;
                var typed = text.Substring(at, name.Length);
                if (!name.Contains(' ') && !name.Contains('-') && name.Length < 6 && !char.IsUpper(typed[0])) continue;
                if (baseKnows(name)) { Array.Fill(taken, true, at, name.Length); continue; }
                var region = place.Regions.FirstOrDefault(r => baseKnows(Folding.Fold(r))) ?? place.Regions[^1];
                Array.Fill(taken, true, at, name.Length);
                replacements.Add((at, name.Length, region, typed));
            }
        }
        if (replacements.Count == 0) return text;
        var result = text;
        foreach (var r in replacements.OrderByDescending(r => r.At))
        {
            result = result[..r.At] + r.Region + result[(r.At + r.Length)..];
            rewrites.Add($"{RewritePrefix}{r.Typed} → {r.Region}");
        }
        return result;
    }

    private static bool WholeWord(string text, int at, int length) =>
        (at == 0 || !IsWordChar(text[at - 1])) && (at + length >= text.Length || !IsWordChar(text[at + length]));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '-';
}
