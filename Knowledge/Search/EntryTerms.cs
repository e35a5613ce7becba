using System.Runtime.CompilerServices;

namespace Communaute.Knowledge.Search;

/// <summary>The analysed terms of one entry, by field, for coverage and phrase checks after ranking.</summary>
internal sealed class EntryTerms(string[][] fields, IReadOnlyList<HashSet<string>> headings, IReadOnlySet<string> subject)
{
    /// <summary>The terms of what the title names (its part before a colon or a parenthesis).</summary>
    public IReadOnlySet<string> Subject { get; } = subject;

    /// <summary>The first word of what the title names ("fond" in "Fonds de confiance").</summary>
    public string? SubjectHead { get; init; }

    /// <summary>The term sets of the title and of each alternative question.</summary>
    public IReadOnlyList<HashSet<string>> Headings { get; } = headings;

    // Compiled optimised from the first call (here and below), as LexicalRanking explains.
    /// <summary>How closely the question matches the title or one alternative question (Jaccard of term sets, 0–1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double HeadingSimilarity(IReadOnlySet<string> query)
    {
        if (query.Count == 0) return 0;
        double best = 0;
        foreach (var h in Headings)
        {
            if (h.Count == 0) continue;
            var common = 0;
            foreach (var t in h)
                if (query.Contains(t)) common++;
            best = Math.Max(best, (double)common / (h.Count + query.Count - common));
        }
        return best;
    }

    public const int Title = 0, Questions = 1, Section = 2, Tags = 3, Body = 4, Situations = 5;

    private readonly HashSet<string> _all = fields.SelectMany(f => f).ToHashSet(StringComparer.Ordinal);

    public string[][] Fields { get; } = fields;

    private readonly HashSet<string>?[] _fieldSets = new HashSet<string>?[fields.Length];

    /// <summary>A field's terms as a set, made when first needed (the title and the questions of the passages found).</summary>
    private HashSet<string> FieldSet(int field) => _fieldSets[field] ??= new HashSet<string>(Fields[field], StringComparer.Ordinal);

    public IEnumerable<string> Distinct => _all;

    /// <summary>True when the variant's terms appear, in order and adjacent, in one field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Contains(IReadOnlyList<string> variant, int? onlyField = null)
    {
        if (variant.Count == 1)
            return onlyField is not { } f ? _all.Contains(variant[0]) : _all.Contains(variant[0]) && FieldSet(f).Contains(variant[0]);
        for (var i = 0; i < variant.Count; i++)
            if (!_all.Contains(variant[i])) return false;
        for (var f = 0; f < Fields.Length; f++)
        {
            if (onlyField is not null && f != onlyField) continue;
            if (ContainsSequence(Fields[f], variant)) return true;
        }
        return false;
    }

    /// <summary>True when the entry holds one of these terms (the near forms of a question's term, <see cref="Vocabulary.NearForms"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ContainsAny(IReadOnlySet<string> terms)
    {
        foreach (var t in terms)
            if (_all.Contains(t)) return true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
