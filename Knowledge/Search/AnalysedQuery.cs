namespace Communaute.Knowledge.Search;

/// <summary>
/// One thing the question asks about: a word, a hyphenated compound ("États-Unis", as a phrase)
/// or a synonym group ("ESS" = "économie sociale et solidaire"). Each variant is a sequence of analysed terms.
/// </summary>
public sealed record QueryConcept(IReadOnlyList<IReadOnlyList<string>> Variants, double Weight, bool Known, string Surface)
{
    /// <summary>A name the member typed (a capital, an acronym: "FISO", "Ronalpia"): a passage without it is about something else.</summary>
    public bool Required { get; init; }

    /// <summary>An everyday word (mots-courants.txt): it says little of the topic.</summary>
    public bool Common { get; init; }

    /// <summary>A rare word of a pasted paragraph's context: it helps ranking but not the share of the question covered.</summary>
    public bool Context { get; init; }
}

/// <summary>The question as concepts, after question words were dropped and typos corrected.</summary>
/// <param name="AsksForDefinition">"Qu'est-ce que…", "c'est quoi…", "que veut dire…": passages that define come first.</param>
public sealed record AnalysedQuery(string Text, IReadOnlyList<QueryConcept> Concepts, bool AsksForDefinition = false)
{
    /// <summary>The weight of what is asked (context words excepted): the denominator of coverage.</summary>
    public double TotalWeight => Concepts.Where(c => !c.Context).Sum(c => c.Weight);
    public bool IsEmpty => Concepts.Count == 0;
}
