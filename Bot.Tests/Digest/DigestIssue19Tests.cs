using Communaute.Bot.Digest;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>The digest as a facilitator running it for months meets it (issue 19).</summary>
public sealed class DigestIssue19Tests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 9, 0);

    [Fact]
    public async Task Point12_a_question_opens_by_number_only_once_published_in_a_digest()
    {
        await using var bed = await DigestTestBed.StartAsync(Monday);
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.UnansweredAsync("Quel temps fera-t-il demain à Lyon ?");
        var id = await bed.WithDbAsync(db => db.UnansweredQuestions.Select(q => q.Id).SingleAsync());
        var bruno = new TestChat(bed.Host, "bruno", "Bruno", channel: "webchat");

        (await bruno.Says($"proposer une réponse {id}")).Answers("Je ne trouve pas cette question dans un digest publié").DoesNotSay("Lyon");
        (await bed.Fanny.Says("préparer le digest")).Answers("Qui peut répondre");
        (await bruno.Says($"proposer une réponse {id}")).Answers("Je ne trouve pas cette question").DoesNotSay("Lyon");
        (await bed.Fanny.Says($"proposer une réponse {id}")).Answers("Proposer une réponse", "Lyon");
        await bed.Fanny.Says("approuver le digest");
        (await bruno.Says($"proposer une réponse {id}")).Answers("Proposer une réponse", "Lyon");
        await bruno.Submits(new Dictionary<string, string> { ["reponse"] = "Regardez la météo de France 3 Rhône-Alpes." });
        (await bed.Fanny.Says("propositions de réponse")).Answers("Réponse proposée par un membre").DoesNotSay("1 les plus récentes");
    }

    [Fact]
    public async Task Point6_the_open_draft_is_the_one_prepared_approved_by_its_month_refreshed_and_an_old_one_closes()
    {
        await using var bed = await DigestTestBed.StartAsync(Monday);
        bed.At(2026, 12, 2, 10);
        bed.Sessions.Sessions.Add(FakeSessionDirectory.Session(41, "Codev Alpha", Instant.FromUtc(2026, 12, 10, 13, 0)));
        bed.Sessions.Sessions.Add(FakeSessionDirectory.Session(42, "Codev Beta", Instant.FromUtc(2026, 12, 15, 13, 0)));
        await bed.UnansweredAsync("Comment recruter un premier salarié en CDD ?");
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.RunDueWorkAsync();
        Assert.Equal("2026-12", await bed.WithDbAsync(db => db.Set<DigestRecord>().Select(d => d.Period).SingleAsync()));

        (await bed.Fanny.Says("préparer le digest")).Answers("digest de décembre 2026", "Codev Alpha", "Codev Beta").DoesNotSay("janvier 2027");
        Assert.Single(await bed.WithDbAsync(db => db.Set<DigestRecord>().ToListAsync()));
        bed.Sessions.Sessions.RemoveAll(s => s.SessionId == 42); // cancelled meanwhile
        (await bed.Fanny.Says("approuver le digest de janvier")).Answers("Le digest en cours est celui de décembre 2026", "Rien n'a changé");
        (await bed.Fanny.Says("approuver le digest de décembre")).Answers("digest de décembre 2026 est approuvé");
        var json = DigestTestBed.Readable(Assert.Single(bed.TeamsPostsTo("general")).Body!.ToJsonString());
        Assert.Contains("Codev Alpha", json);
        Assert.DoesNotContain("Codev Beta", json);

        // January's draft is never approved: once January is over it is closed, not left « brouillon ».
        bed.At(2026, 12, 20, 10);
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        bed.At(2027, 1, 4, 10);
        await bed.RunDueWorkAsync();
        (await bed.Fanny.Says("digests")).Answers("janvier 2027 : brouillon");
        bed.At(2027, 2, 3, 10);
        await bed.RunDueWorkAsync();
        (await bed.Fanny.Says("digests")).Answers("janvier 2027 : non publié (pas approuvé avant la fin du mois)").DoesNotSay("janvier 2027 : brouillon");
    }

    [Fact]
    public async Task Point5_a_typed_edit_longer_than_a_message_is_refused_whole_and_the_form_named()
    {
        await using var bed = await DigestTestBed.StartAsync(Monday);
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        await bed.Fanny.Says("préparer le digest");
        await bed.Fanny.Says("approuver le digest");
        var before = await bed.WithDbAsync(db => db.Set<DigestRecord>().Select(d => d.ContentJson).SingleAsync());

        (await bed.Fanny.Says("modifier la section 1 : " + new string('a', 2500))).Answers("dépasse 2 000 caractères", "rien n'a changé", "jusqu'à 3 000", "formulaire");
        (await bed.Fanny.Says("ajouter une note : " + new string('b', 2500))).Answers("rien n'a changé", "formulaire");
        Assert.Equal(before, await bed.WithDbAsync(db => db.Set<DigestRecord>().Select(d => d.ContentJson).SingleAsync()));
        await bed.Host.DeliverOutboxAsync();
        Assert.DoesNotContain(bed.Teams.Messages, c => c.Method == "PUT");
    }

    [Fact]
    public async Task Point7_digest_buttons_name_what_they_act_on_and_seats_read_as_free()
    {
        await using var bed = await DigestTestBed.StartAsync(Monday);
        bed.Sessions.Sessions.Add(FakeSessionDirectory.Session(41, "Co-dév mensuel des incubateurs", Instant.FromUtc(2026, 12, 10, 13, 0), seatsLeft: 4));
        bed.Sessions.Sessions.Add(FakeSessionDirectory.Session(42, "Co-dév mensuel des incubateurs", Instant.FromUtc(2026, 12, 17, 13, 0), seatsLeft: 4));
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        var draft = await bed.Fanny.Says("préparer le digest");
        draft.Answers("4 places libres sur 8").Offers("Réserver le jeu. 10/12 : Co-dév mensuel", "Réserver le jeu. 17/12 : Co-dév mensuel", "Répondre à Q1 : Comment faire un gâteau");
        Assert.Equal(2, draft.Choices.Select(c => c.Label).Where(l => l.StartsWith("Réserver", StringComparison.Ordinal)).Distinct().Count());
    }
}
