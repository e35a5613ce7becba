namespace Communaute.Knowledge.Model;

/// <summary>Where a passage comes from, as shown in a citation.</summary>
public sealed record SourceDocument(string Document, string Publisher, string? Date, string? Licence, string? Link)
{
    /// <summary>"Title — Publisher, date", the way a citation names the document.</summary>
    public string Citation => string.IsNullOrWhiteSpace(Date)
        ? $"{Document} — {Publisher}"
        : $"{Document} — {Publisher}, {Date}";
}

/// <summary>One curated, quotable passage of the knowledge base (one Markdown file).</summary>
public sealed record KnowledgeEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required SourceDocument Source { get; init; }
    public string Section { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Other ways members ask for this passage.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>
    /// Questions members ask from their own situation, in their own words, that the entry answers (curated, 8–12):
    /// indexed as a field of their own so that a member's words reach the entry that uses other ones.
    /// </summary>
    public IReadOnlyList<string> Situations { get; init; } = [];

    /// <summary>The body as written by curators (Markdown).</summary>
    public required string Body { get; init; }

    /// <summary>The body without Markdown syntax, for quoting in any channel.</summary>
    public required string PlainBody { get; init; }

    /// <summary>The file the entry was read from, relative to the knowledge folder.</summary>
    public string RelativePath { get; init; } = "";

    /// <summary>When the file was last written (UTC), for "what's new" in digests.</summary>
    public DateTimeOffset LastModified { get; init; }
}
