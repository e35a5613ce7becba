namespace Communaute.Knowledge.Search;

/// <summary>The analysed terms of one entry, by field, for coverage and phrase checks after ranking.</summary>
internal sealed class EntryTerms(string[][] fields)
{
    public const int Title = 0, Questions = 1, Section = 2, Tags = 3, Body = 4;

    private readonly HashSet<string> _all = fields.SelectMany(f => f).ToHashSet(StringComparer.Ordinal);

    public string[][] Fields { get; } = fields;

    public IEnumerable<string> Distinct => _all;

    /// <summary>True when the variant's terms appear, in order and adjacent, in one field.</summary>
    public bool Contains(IReadOnlyList<string> variant, int? onlyField = null)
    {
        if (variant.Count == 1 && onlyField is null) return _all.Contains(variant[0]);
        if (!variant.All(_all.Contains)) return false;
        for (var f = 0; f < Fields.Length; f++)
        {
            if (onlyField is not null && f != onlyField) continue;
            if (ContainsSequence(Fields[f], variant)) return true;
        }
        return false;
    }

    private static bool ContainsSequence(string[] terms, IReadOnlyList<string> sequence)
    {
        for (var i = 0; i + sequence.Count <= terms.Length; i++)
        {
            var j = 0;
            while (j < sequence.Count && terms[i + j] == sequence[j]) j++;
            if (j == sequence.Count) return true;
        }
        return false;
    }
}
