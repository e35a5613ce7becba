using Communaute.Bot.Digest;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>Facilitators prepare, edit, approve, postpone and skip the digest in the chat; members cannot.</summary>
public sealed class DigestFacilitatorTests
{
    private static async Task<DigestTestBed> BedWithDraftMaterialAsync(Instant now, IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var bed = await DigestTestBed.StartAsync(now, settings, services);
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        await bed.UnansweredAsync("Quel temps fera-t-il demain à Lyon ?");
        return bed;
    }

    [Fact]
    public async Task A_facilitator_edits_adds_a_note_reorders_drops_and_approves_and_members_cannot()
    {
        await using var bed = await BedWithDraftMaterialAsync(Instant.FromUtc(2026, 11, 23, 9, 0));
        var fanny = bed.Fanny;

        (await bed.Alice.Says("aide")).Answers("digest", "abonner ce canal au digest").DoesNotSay("propositions de réponse", "préparer le digest");
        (await bed.Alice.Says("préparer le digest")).Answers("réservée aux animateurs");
        (await fanny.Says("préparer le digest")).Answers("Brouillon du digest de novembre 2026", "Qui peut répondre", "gâteau au chocolat", "Rendu", "Slack : 1 message");
        (await bed.Alice.Says("digest")).Answers("Aucun digest n'a encore été publié").DoesNotSay("Brouillon", "gâteau");
        (await bed.Alice.Says("modifier la section 1 : piraté")).Answers("réservée aux animateurs");
        Assert.Contains("en message privé", (await bed.SaysInTeamsChannelAsync("general", "préparer le digest"))[0].Text);
        Assert.DoesNotContain((await bed.SaysInTeamsChannelAsync("general", "digest")), r => (r.Card?.Title ?? "").Contains("Brouillon"));

        await fanny.Clicks("Modifier une section");
        await fanny.Clicks("1. Qui peut répondre");
        (await fanny.Submits(new Dictionary<string, string> { ["texte"] = "Aidez-nous : **urgent** [cliquez](http://evil.example) <script>alert(1)</script>" }))
            .Answers("La section 1 « Qui peut répondre ? » est modifiée");

        await fanny.Says("digest");
        await fanny.Clicks("Ajouter une note");
        await fanny.Submits(new Dictionary<string, string> { ["titre"] = "Appel à projets", ["note"] = "Le <b>FISO</b> ouvre un appel : [dossier](javascript:alert(1))" });
        Assert.Contains("ajoutée en section 2", fanny.Last!.Text);

        (await fanny.Says("déplacer la section 2 en 1")).Answers("« Appel à projets » est maintenant en position 1");
        (await fanny.Says("retirer la section 2")).Answers("est retirée");
        (await fanny.Says("retirer la section 1")).Answers("C'est la dernière section");
        (await fanny.Says("remettre la section 2")).Answers("est de retour");
        (await fanny.Says("retirer la section 9")).Answers("Il n'y a pas de section 9");
        (await fanny.Says("déplacer la section 1 en 7")).Answers("Position 7 impossible");

        // Too long for a Slack section: refused with the limit named, nothing changed.
        await fanny.Says("modifier la section 1");
        (await fanny.Submits(new Dictionary<string, string> { ["texte"] = new string('a', 3001) })).Answers("3001 caractères", "3000 au plus", "limite", "Rien n'a changé");
        await fanny.Says("modifier la section 1");
        (await fanny.Submits(new Dictionary<string, string> { ["texte"] = "   " })).Answers("Le texte est vide");

        var preview = await fanny.Says("aperçu texte du digest");
        preview.Answers("Appel à projets", "FISO", "ouvre un appel", "evil.example");
        // Shown as typed, no backslash: the model keeps the escapes, each renderer shows the text literally.
        Assert.Contains("[cliquez](http://evil.example)", preview.Text);
        Assert.Contains("<b>FISO</b>", preview.Text);
        Assert.DoesNotContain(@"\[", preview.Text);

        (await fanny.Says("approuver le digest")).Answers("Merci Fanny", "est approuvé", "Publié dans 1 canal");
        var posts = bed.TeamsPostsTo("general");
        var json = DigestTestBed.Readable(Assert.Single(posts).Body!.ToJsonString());
        // Member text travels in TextRuns, which Teams never reads as markdown; no TextBlock carries it, no backslash shows.
        Assert.Contains("[cliquez](http://evil.example) <script>alert(1)</script>", json);
        Assert.DoesNotContain(@"\\[", json);
        Assert.DoesNotContain(System.Text.RegularExpressions.Regex.Matches(json, "\"type\":\"TextBlock\",\"text\":\"[^\"]*\""), m => m.Value.Contains("cliquez"));
        Assert.True(json.IndexOf("Appel à projets", StringComparison.Ordinal) < json.IndexOf("Aidez-nous", StringComparison.Ordinal), "la note a été remontée en première position");

        (await fanny.Says("approuver le digest")).Answers("déjà publié", "il ne part qu'une fois");
        (await fanny.Says("publier maintenant")).Answers("déjà publié");
        await bed.RunDueWorkAsync();
        Assert.Single(bed.TeamsPostsTo("general"));
        var digest = await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync());
        Assert.Equal(DigestStatus.Posted, digest.Status);
        Assert.Equal("Fanny", digest.ApprovedByName);

        (await bed.Alice.Says("digest")).Answers("Digest de la communauté — novembre 2026", "Appel à projets");
        (await bed.Alice.Says("digests")).Answers("novembre 2026 : publié");
        (await bed.Alice.Says("digest de novembre")).Answers("Appel à projets");
        (await bed.Alice.Says("digest de brumaire")).Answers("Je ne reconnais pas le mois");
    }

    [Fact]
    public async Task Two_facilitators_approving_at_once_post_once()
    {
        await using var bed = await BedWithDraftMaterialAsync(Instant.FromUtc(2026, 11, 23, 9, 0),
            new Dictionary<string, string?> { ["Community:Facilitators:3"] = "webchat:gaby" });
        await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest");
        var gaby = new TestChat(bed.Host, "gaby", "Gaby", channel: "webchat");
        await bed.Fanny.Says("préparer le digest");
        // Fanny's second message comes from another window of hers (a TestChat keeps one "last answer" at a time).
        var fannyAgain = new TestChat(bed.Host, "fanny", "Fanny", channel: "webchat");
        var answers = await Task.WhenAll(bed.Fanny.Says("approuver le digest"), gaby.Says("approuver le digest"), fannyAgain.Says("publier maintenant"));
        Assert.Single(answers, a => a.Text.Contains("est approuvé"));
        await bed.RunDueWorkAsync();
        Assert.Single(bed.TeamsPostsTo("general"));
        Assert.Single(bed.SlackPostsTo("C0COMMU"));
    }

    [Fact]
    public async Task Approved_without_a_channel_the_digest_waits_for_one()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 11, 23, 9, 0));
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        await bed.Fanny.Says("préparer le digest");
        (await bed.Fanny.Says("approuver le digest")).Answers("Aucun canal n'est abonné", "publier maintenant");
        await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest");
        (await bed.Fanny.Says("publier maintenant")).Answers("Publié dans 1 canal.");
        Assert.Single(bed.SlackPostsTo("C0COMMU"));
        (await bed.Fanny.Says("publier maintenant")).Answers("déjà publié");
    }

    [Fact]
    public async Task Approving_after_the_period_ended_gets_a_clear_answer_and_posts_nothing()
    {
        await using var bed = await BedWithDraftMaterialAsync(Instant.FromUtc(2026, 11, 23, 9, 0));
        await bed.Fanny.Says("préparer le digest");
        bed.At(2026, 12, 1, 10);
        (await bed.Fanny.Says("approuver le digest")).Answers("Trop tard pour le digest de novembre 2026", "sa période s'est terminée", "ne sera pas publié");
        (await bed.Fanny.Says("publier maintenant")).Answers("Trop tard");
        await bed.RunDueWorkAsync();
        Assert.Empty(bed.TeamsPostsTo("general"));
    }

    [Fact]
    public async Task Postpone_moves_the_posting_and_skip_cancels_it()
    {
        await using var bed = await BedWithDraftMaterialAsync(Instant.FromUtc(2026, 12, 20, 9, 0));
        bed.At(2027, 1, 1, 9);
        await bed.RunDueWorkAsync();
        var fanny = bed.Fanny;
        (await fanny.Says("reporter à n'importe quand")).Answers("Je n'ai pas compris la date", "Rien n'a changé");
        (await fanny.Says("reporter au 31/02")).Answers("Le 31 février n'existe pas. Rien n'a changé.");
        (await fanny.Says("reporter à 25h")).Answers("« 25h » n'est pas une heure : de 0h à 23h59. Rien n'a changé.");
        (await fanny.Says("reporter au 05/02")).Answers("avant la fin du mois");
        (await fanny.Says("reporter")).Answers("Nouvelle date");
        (await fanny.Submits(new Dictionary<string, string> { ["quand"] = "12/01 14h" })).Answers("partira mardi 12 janvier 2027 à 14h00 (heure de Paris), une fois approuvé");
        (await fanny.Says("approuver le digest")).Answers("Il partira mardi 12 janvier 2027 à 14h00");

        bed.At(2027, 1, 4, 9);
        await bed.RunDueWorkAsync();
        Assert.Empty(bed.TeamsPostsTo("general"));
        bed.At(2027, 1, 12, 14);
        await bed.RunDueWorkAsync();
        Assert.Single(bed.TeamsPostsTo("general"));

        // February: skipped, so nothing goes out on its posting day.
        bed.At(2027, 1, 20, 9);
        await bed.UnansweredAsync("Qui a gagné le match de rugby hier soir ?");
        bed.At(2027, 1, 29, 9);
        await bed.RunDueWorkAsync();
        (await fanny.Says("ignorer ce mois")).Answers("Le digest de février 2027 est ignoré", "Le prochain brouillon arrivera");
        (await fanny.Says("approuver le digest")).Answers("a été ignoré");
        bed.At(2027, 2, 1, 9);
        await bed.RunDueWorkAsync();
        Assert.Single(bed.TeamsPostsTo("general"));
    }

    [Fact]
    public async Task An_ai_summary_is_written_from_the_sections_only_shown_for_review_and_editable()
    {
        var chat = new FakeDigestChatClient("Ce mois-ci, deux questions attendent vos lumières : à vous de jouer !");
        await using var bed = await BedWithDraftMaterialAsync(Instant.FromUtc(2026, 11, 23, 9, 0),
            services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.AI.IChatClient>(s, chat));
        (await bed.Fanny.Says("préparer le digest")).Answers("En bref", "deux questions attendent vos lumières", "rédigée par IA, à relire", "Rien ne part sans votre approbation");
        var prompt = Assert.Single(chat.DigestPrompts);
        Assert.Contains("Qui peut répondre ?", prompt);
        Assert.Contains("gâteau au chocolat", prompt);
        Assert.DoesNotContain("Alice", prompt);
        Assert.Empty(bed.TeamsPostsTo("general"));

        (await bed.Fanny.Says("modifier la section 1 : Deux questions attendent une réponse.")).Answers("est modifiée");
        (await bed.Fanny.Says("digest")).DoesNotSay("rédigée par IA");
        await bed.Fanny.Says("approuver le digest");
        var json = DigestTestBed.Readable(Assert.Single(bed.TeamsPostsTo("general")).Body!.ToJsonString());
        Assert.Contains("Deux questions attendent une réponse.", json);
        Assert.DoesNotContain("vos lumières", json);
    }

    [Fact]
    public async Task Members_propose_answers_from_the_digest_and_curators_read_them()
    {
        await using var bed = await BedWithDraftMaterialAsync(Instant.FromUtc(2026, 11, 23, 9, 0));
        await bed.Fanny.Says("préparer le digest");
        await bed.Fanny.Says("approuver le digest");
        var alice = bed.Alice;
        await alice.Says("digest");
        (await alice.Clicks("Répondre à Q1")).Answers("Proposer une réponse", "Votre réponse", "gâteau au chocolat");
        (await alice.Submits(new Dictionary<string, string> { ["reponse"] = "Avec 200 g de chocolat noir, voir [ma recette](http://evil.example)." }))
            .Answers("transmise aux curateurs");
        await alice.Says("digest");
        await alice.Clicks("Répondre à Q1");
        (await alice.Submits(new Dictionary<string, string> { ["reponse"] = "Avec 200 g de chocolat noir, voir [ma recette](http://evil.example)." }))
            .Answers("déjà reçu");
        await alice.Says("digest");
        await alice.Clicks("Répondre à Q1");
        (await alice.Submits(new Dictionary<string, string> { ["reponse"] = "  " })).Answers("Votre réponse est vide");
        (await alice.Says("proposer une réponse 999")).Answers("Je ne trouve pas cette question dans un digest publié");
        (await alice.Says("propositions de réponse")).Answers("réservées aux animateurs et curateurs");

        var list = await bed.Fanny.Says("propositions de réponse");
        list.Answers("Avec 200 g de chocolat noir", "Alice");
        Assert.Contains(@"\[ma recette\]", list.Replies[0].Card!.Sections[0].Text);
        (await bed.Fanny.Says("digests")).Answers("novembre 2026 : publié", "0 réservation", "1 réponse proposée");
        Assert.Equal(1, await bed.WithDbAsync(db => db.Set<AnswerProposal>().CountAsync(p => p.DigestId != null)));

        // RGPD: the member's proposals go with her data; a facilitator's name leaves the digests they approved.
        await using var scope = bed.Host.Services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetServices<Communaute.Bot.Privacy.IPersonalDataSource>().ToList();
        var aliceId = await bed.WithDbAsync(db => db.Members.Where(m => m.ChannelUserId == "alice").Select(m => m.Id).SingleAsync());
        var fannyId = await bed.WithDbAsync(db => db.Members.Where(m => m.ChannelUserId == "fanny").Select(m => m.Id).SingleAsync());
        Assert.Contains(sources, s => s.Name == "reponsesProposees");
        Assert.NotEmpty(await sources.Single(s => s.Name == "digestsApprouves").ExportAsync(fannyId, default));
        foreach (var source in sources.OrderBy(s => s.DeleteOrder)) await source.DeleteAsync(aliceId, default);
        await sources.Single(s => s.Name == "digestsApprouves").DeleteAsync(fannyId, default);
        Assert.Equal(0, await bed.WithDbAsync(db => db.Set<AnswerProposal>().CountAsync()));
        Assert.Equal("un animateur", (await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync())).ApprovedByName);
    }

    [Fact]
    public async Task Facilitators_subscribe_list_and_remove_channels_and_members_cannot()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 11, 23, 9, 0));
        var refused = await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest", user: "UMEMBER");
        Assert.Contains("Seuls les animateurs", refused[0].Text);
        Assert.Contains("le digest mensuel sera publié ici", (await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest"))[0].Text);
        Assert.Contains("reçoit déjà le digest", (await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest"))[0].Text);
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");

        var list = await bed.Fanny.Says("canaux du digest");
        list.Answers("Canaux abonnés au digest (2)", "le canal Slack C0COMMU", "le canal Teams 19:general@thread.tacv2");
        (await bed.Fanny.Clicks("Retirer : le canal Slack")).Answers("ne recevra plus le digest");
        (await bed.Fanny.Says("retirer le canal 999")).Answers("n'est pas (ou plus) dans la liste");
        Assert.Contains("n'est pas abonnée", (await bed.SaysInSlackChannelAsync("C0COMMU", "désabonner ce canal"))[0].Text);
        Assert.Contains("ne sera plus publié ici", (await bed.SaysInTeamsChannelAsync("general", "désabonner ce canal"))[0].Text);
        (await bed.Fanny.Says("canaux du digest")).Answers("Aucun canal n'est abonné");
    }
}
