using Microsoft.Extensions.AI;

namespace Communaute.Bot.Tests.Digest;

/// <summary>The AI provider's part: answers the digest's summary request with a fixed paragraph and keeps the prompts.</summary>
public sealed class FakeDigestChatClient(string summary) : IChatClient
{
    public List<string> DigestPrompts { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var isDigest = list.Any(m => m.Role == ChatRole.System && m.Text.Contains("digest", StringComparison.OrdinalIgnoreCase));
        if (isDigest) lock (DigestPrompts) DigestPrompts.Add(string.Join("\n", list.Where(m => m.Role == ChatRole.User).Select(m => m.Text)));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, isDigest ? summary : "JE NE SAIS PAS")));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
