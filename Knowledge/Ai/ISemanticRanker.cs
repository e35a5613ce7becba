using Communaute.Knowledge.Search;

namespace Communaute.Knowledge.Ai;

/// <summary>Reorders lexical hits by meaning (embeddings). Never adds hits: abstention stays lexical.</summary>
public interface ISemanticRanker
{
    Task<IReadOnlyList<SearchHit>> RerankAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken);
}
