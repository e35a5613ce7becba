using System.Text;
using Communaute.Knowledge.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Communaute.Knowledge.Ai;

/// <summary>
/// Asks a chat model to answer from the passages alone, in French, citing them as [1], [2]…
/// The model may also say "JE NE SAIS PAS"; then the bot abstains. On any failure the extract is kept.
/// </summary>
public sealed class ChatClientAnswerWriter(IChatClient client, ILogger<ChatClientAnswerWriter> logger) : IAnswerWriter
{
    public const string NoAnswerMarker = "JE NE SAIS PAS";

    private const string Instructions =
        "Tu es l'assistant de la Communauté émergence & accélération (accompagnement de l'ESS et de l'innovation sociale). " +
        "Réponds en français, en 2 à 5 phrases, UNIQUEMENT à partir des extraits numérotés fournis. " +
        "Cite les extraits utilisés sous la forme [1], [2]. Garde les chiffres exacts. " +
        "Si les extraits ne permettent pas de répondre, réponds exactement : " + NoAnswerMarker + ".";

    public async Task<string?> WriteAsync(string question, IReadOnlyList<AnswerSource> sources, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder();
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            prompt.Append('[').Append(i + 1).Append("] ").Append(s.Entry.Title)
                .Append(" (").Append(s.Entry.Source.Document).Append(", ").Append(s.Entry.Section).Append(")\n")
                .Append(s.Excerpt).Append("\n\n");
        }
        prompt.Append("Question : ").Append(question);
        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, prompt.ToString())],
                new ChatOptions { Temperature = 0.1f },
                cancellationToken);
            var text = response.Text?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Le modèle d'IA n'a pas répondu ; la réponse extraite est gardée");
            return null;
        }
    }
}
