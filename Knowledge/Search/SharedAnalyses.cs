using System.Collections.Concurrent;
using Communaute.Knowledge.Analysis;

namespace Communaute.Knowledge.Search;

/// <summary>
/// The analyses and surface words of the short texts that entries share while indexing — a section, a tag, an
/// alternative question or a member's question written the same in several entries — each read once. Titles and bodies are each entry's own
/// and are not kept. An analysis is never changed once made, so entries may hold the same one.
/// </summary>
internal sealed class SharedAnalyses(FrenchTextAnalyzer analyzer)
{
    /// <summary>Most texts kept: past it, a new text is analysed each time (a very large base with few repeats).</summary>
    private const int Limit = 200_000;

    private readonly ConcurrentDictionary<string, AnalysedText> _analyses = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, string[]> _surfaceWords = new(StringComparer.Ordinal);

    /// <summary>The surface words of a shared text already read (its names and name pairs then already taken), or null.</summary>
    public string[]? SurfaceWords(string text) => _surfaceWords.TryGetValue(text, out var words) ? words : null;

    public void KeepSurfaceWords(string text, List<string> words)
    {
        if (_surfaceWords.Count < Limit) _surfaceWords.TryAdd(text, [.. words.Distinct(StringComparer.Ordinal)]);
    }

    public AnalysedText Analyse(string text)
    {
        if (_analyses.TryGetValue(text, out var analysed)) return analysed;
        analysed = analyzer.Analyse(text);
        if (_analyses.Count < Limit) _analyses.TryAdd(text, analysed);
        return analysed;
    }
}
