using System.Collections.Concurrent;
using Communaute.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Communaute.Knowledge.Ai;

/// <summary>
/// Blends lexical scores with the cosine similarity of question and passage embeddings.
/// Passage embeddings are computed once per entry text and kept for the life of the process.
/// </summary>
public sealed class EmbeddingRanker(IEmbeddingGenerator<string, Embedding<float>> generator, ILogger<EmbeddingRanker> logger) : ISemanticRanker
{
    /// <summary>Weight of meaning against words in the final order.</summary>
    public double SemanticWeight { get; init; } = 0.5;

    private readonly ConcurrentDictionary<string, float[]> _passages = new();

    public async Task<IReadOnlyList<SearchHit>> RerankAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (hits.Count < 2) return hits;
        try
        {
            var missing = hits.Select(h => Key(h)).Where(k => !_passages.ContainsKey(k)).Distinct().ToList();
            var inputs = new List<string> { question };
            inputs.AddRange(missing);
            var vectors = await generator.GenerateAsync(inputs, cancellationToken: cancellationToken);
            var q = vectors[0].Vector.ToArray();
            for (var i = 0; i < missing.Count; i++) _passages[missing[i]] = vectors[i + 1].Vector.ToArray();

            var maxLexical = hits.Max(h => h.Score);
            return hits
                .Select(h => (Hit: h, Blend: (1 - SemanticWeight) * h.Score / maxLexical + SemanticWeight * Cosine(q, _passages[Key(h)])))
                .OrderByDescending(x => x.Blend)
                .Select(x => x.Hit)
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Le service d'embeddings n'a pas répondu ; l'ordre lexical est gardé");
            return hits;
        }
    }

    private static string Key(SearchHit hit) => hit.Entry.Title + "\n" + hit.Entry.PlainBody;

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
