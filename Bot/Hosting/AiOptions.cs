namespace Communaute.Bot.Hosting;

/// <summary>An OpenAI-compatible endpoint. Off unless Endpoint and ChatModel (or EmbeddingModel) are set.</summary>
public sealed class AiOptions
{
    public string Endpoint { get; set; } = "";
    public string ApiKey { get; set; } = "";
    public string ChatModel { get; set; } = "";
    public string EmbeddingModel { get; set; } = "";

    public bool ChatEnabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(ChatModel);
    public bool EmbeddingsEnabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(EmbeddingModel);
}
