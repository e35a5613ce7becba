using Communaute.Knowledge.Answering;

namespace Communaute.Knowledge.Ai;

/// <summary>Writes the answer text from retrieved passages only (an AI model), or returns null to keep the extract.</summary>
public interface IAnswerWriter
{
    Task<string?> WriteAsync(string question, IReadOnlyList<AnswerSource> sources, CancellationToken cancellationToken);
}
