using System.Globalization;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// What facilitators see of a digest: the messages exactly as the channels will get them, then a card with its
/// status, schedule, targets, size per channel, what the previous digest brought, and the actions.
/// </summary>
public sealed class DigestPreview(BotDbContext db, DigestEngagement engagement, DigestDeliveries deliveries)
{
    public const string PromptId = "digest-controls";

    public async Task<IReadOnlyList<Reply>> RepliesAsync(DigestRecord digest, DateTimeZone zone, CancellationToken ct)
    {
        var month = DigestCalendar.ParsePeriod(digest.Period)!.Value;
        var content = DigestContent.FromJson(digest.ContentJson);
        var messages = DigestComposer.Compose(content, month);
        return [.. messages, Reply.Show(await ControlsAsync(digest, content, messages, zone, ct))];
    }

    private async Task<Card> ControlsAsync(DigestRecord digest, DigestContent content, IReadOnlyList<Reply> messages, DateTimeZone zone, CancellationToken ct)
    {
        var month = FrenchDates.Month(DigestCalendar.ParsePeriod(digest.Period)!.Value);
        var targets = await db.Set<DigestTarget>().CountAsync(t => t.ParkedAt == null, ct);
        var parked = await db.Set<DigestTarget>().CountAsync(t => t.ParkedAt != null, ct);
        var size = DigestComposer.Measure(messages);
        var facts = new List<Fact>
        {
            new("Statut", Status(digest, zone)),
            new(digest.Status == DigestStatus.Posted ? "Publié" : "Publication prévue", When(digest.PostedAt ?? digest.ScheduledAt, zone)),
            new("Canaux abonnés", targets + (parked > 0 ? $" (et {parked} mis de côté)" : "") + (targets == 0 ? " — tapez « abonner ce canal au digest » dans un canal" : "")),
            new("Rendu", $"Teams et page : {FrenchCount.Of(size.Messages, "carte")} ({size.LargestCardBytes / 1024.0:F0} Ko au plus) · " +
                         $"Slack : {FrenchCount.Of(size.SlackMessages, "message")}, {size.LargestSlackBlocks} blocs au plus · texte : {size.TextCharacters.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} caractères"),
        };
        if (await engagement.PreviousSentenceAsync(digest, ct) is { } previous) facts.Add(new Fact("Le mois dernier", previous));
        if (digest.Status == DigestStatus.Posted)
        {
            facts.Add(new Fact("Remise", DigestDeliveries.Summary((await deliveries.ForDigestAsync(digest, ct)).Values)));
            facts.Add(new Fact("Ce digest", (await engagement.CountAsync(digest, ct)).Sentence(month)));
        }

        var list = string.Join("\n", content.Sections.Select((s, i) => $"- {i + 1}. {UserText.Escape(s.Heading)}"
            + (s.Dropped ? " — retirée" : "") + (s.WrittenByAi ? " — rédigée par IA, à relire" : "") + (s.Buttons.Count > 0 ? $" — {FrenchCount.Of(s.Buttons.Count, "bouton")}" : "")));
        var sections = new List<CardSection> { new("Sections", list) };
        if (content.Sections.Any(s => s.WrittenByAi && !s.Dropped))
            sections.Add(new CardSection(null, "Le paragraphe « En bref » a été rédigé par une IA à partir des seules sections du digest. " +
                                               "Relisez-le : « modifier la section 1 » pour le changer, « retirer la section 1 » pour l'enlever. Rien ne part sans votre approbation."));
        sections.Add(new CardSection(null, "Aussi : « modifier la section 2 », « retirer la section 3 », « remettre la section 3 », « déplacer la section 4 en 1 », « reporter à 12/01 14h »."));

        return new Card
        {
            Title = digest.Status switch
            {
                DigestStatus.Draft => $"Brouillon du digest de {month} — à relire et approuver",
                DigestStatus.Approved => $"Digest de {month} — approuvé",
                DigestStatus.Posted => $"Digest de {month} — publié",
                _ => $"Digest de {month}",
            },
            Subtitle = "Ci-dessus, le digest tel que les canaux le recevront. Seuls les animateurs voient ce brouillon.",
            Facts = facts,
            Sections = sections,
            PromptId = PromptId,
            Choices = Actions(digest.Status),
        };
    }

    private static List<Choice> Actions(DigestStatus status) => status switch
    {
        DigestStatus.Draft =>
        [
            DigestIntents.Button("Approuver", new ApproveDigest(), ChoiceStyle.Primary),
            DigestIntents.Button("Modifier une section", new ChooseDigestSectionToEdit()),
            DigestIntents.Button("Ajouter une note", new AddDigestNote()),
            DigestIntents.Button("Réordonner", new ReorderDigest()),
            DigestIntents.Button("Retirer une section", new ChooseDigestSectionToDrop()),
            DigestIntents.Button("Publier maintenant", new PostDigestNow()),
            DigestIntents.Button("Reporter", new PostponeDigest()),
            DigestIntents.Button("Aperçu texte", new PreviewDigestAsText()),
            DigestIntents.Button("Ignorer ce mois", new SkipDigest(), ChoiceStyle.Destructive),
        ],
        DigestStatus.Approved =>
        [
            DigestIntents.Button("Publier maintenant", new PostDigestNow(), ChoiceStyle.Primary),
            DigestIntents.Button("Reporter", new PostponeDigest()),
            DigestIntents.Button("Modifier une section", new ChooseDigestSectionToEdit()),
            DigestIntents.Button("Ajouter une note", new AddDigestNote()),
            DigestIntents.Button("Ignorer ce mois", new SkipDigest(), ChoiceStyle.Destructive),
        ],
        DigestStatus.Posted => [DigestIntents.Button("Modifier une section", new ChooseDigestSectionToEdit()), DigestIntents.Button("Aperçu texte", new PreviewDigestAsText())],
        _ => [],
    };

    private static string Status(DigestRecord d, DateTimeZone zone) => d.Status switch
    {
        DigestStatus.Draft => "brouillon, à approuver",
        DigestStatus.Approved => $"approuvé par {d.ApprovedByName} le {When(d.ApprovedAt!.Value, zone)}",
        DigestStatus.Posted => d.ApprovedByName is null ? "publié" : $"publié, approuvé par {d.ApprovedByName}",
        DigestStatus.Skipped => "ignoré ce mois-ci",
        _ => "rien à publier",
    };

    private static string When(Instant instant, DateTimeZone zone) => FrenchDates.At(instant, zone);

}
