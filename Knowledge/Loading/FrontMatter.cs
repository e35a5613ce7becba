namespace Communaute.Knowledge.Loading;

/// <summary>The YAML header of a knowledge file, as curators write it.</summary>
internal sealed class FrontMatter
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public FrontMatterSource? Source { get; set; }
    public string? Section { get; set; }
    public List<string>? Tags { get; set; }
    public List<string>? Questions { get; set; }
}

internal sealed class FrontMatterSource
{
    public string? Document { get; set; }
    public string? Publisher { get; set; }
    public string? Date { get; set; }
    public string? Licence { get; set; }
    public string? Link { get; set; }
}
