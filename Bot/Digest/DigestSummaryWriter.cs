using System.Text;
using Microsoft.Extensions.AI;

namespace Communaute.Bot.Digest;

/// <summary>
/// The optional AI paragraph at the top of a draft, written by the configured chat model from the digest's own
/// sections and nothing else. It is a draft section like the others: shown in the preview, editable, never posted
/// without a facilitator's approval. No model configured, or a failure: no paragraph.
/// </summary>
public sealed class DigestSummaryWriter(IServiceProvider services, ILogger<DigestSummaryWriter> logger)
{
    public const string Heading = "En bref";

    private const string Instructions =
        "Tu rédiges l'introduction du digest mensuel de la Communauté émergence & accélération (ESS, innovation sociale). " +
        "Écris en français un seul paragraphe de 2 à 3 phrases, chaleureux et sobre, en vouvoyant les lecteurs, " +
        "UNIQUEMENT à partir des sections fournies. N'invente aucun nom, aucune date, aucun chiffre. Pas de titre, pas de liste, pas de lien.";

    public async Task<DigestSection?> WriteAsync(IReadOnlyList<DigestSection> sections, CancellationToken ct)
    {
        if (services.GetService<IChatClient>() is not { } client || sections.Count == 0) return null;
        var prompt = new StringBuilder();
        foreach (var s in sections) prompt.Append("## ").AppendLine(s.Heading).AppendLine(s.Text).AppendLine();
        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, prompt.ToString())],
                new ChatOptions { Temperature = 0.3f }, ct);
            var text = response.Text?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (text.Length > 1200) text = DigestDraftBuilder.Clip(text, 1200);
            return new DigestSection(SectionKinds.Summary, Heading, text) { WrittenByAi = true };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Digest : le modèle d'IA n'a pas écrit le résumé ; le brouillon part sans");
            return null;
        }
    }
}
