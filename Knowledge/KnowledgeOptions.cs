using Communaute.Knowledge.Answering;

namespace Communaute.Knowledge;

public sealed class KnowledgeOptions
{
    /// <summary>The folder of curated Markdown files. Empty: the bundled base, found next to the program or the sources.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Reload the base when a file of the folder changes.</summary>
    public bool WatchForChanges { get; set; } = true;

    public AnswerPolicy Policy { get; set; } = new();
}
