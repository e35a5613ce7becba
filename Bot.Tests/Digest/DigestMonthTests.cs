using Communaute.Bot.Digest;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>A whole month on the fake clock: draft day, reminder, the posting day moved by New Year's Day, one posting per channel.</summary>
public sealed class DigestMonthTests
{
    [Fact]
    public async Task A_month_goes_from_draft_to_reminder_to_one_posting_per_channel_on_the_first_working_day()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 10, 9, 0));
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest");
        bed.Sessions.Sessions.Add(FakeSessionDirectory.Session(41, "Co-développement : financer son amorçage", Instant.FromUtc(2027, 1, 12, 13, 0)));
        bed.At(2026, 12, 20, 15);
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        await bed.UnansweredAsync("Quel temps fera-t-il demain à Lyon ?");

        // 1 January 2027 is a public holiday (and 2–3 are a weekend): the posting day is Monday 4, the draft day 1 January.
        Assert.Equal(new LocalDate(2027, 1, 4), DigestCalendar.FirstWorkingDay(new YearMonth(2027, 1)));
        bed.At(2026, 12, 31, 9);
        await bed.RunDueWorkAsync();
        bed.At(2027, 1, 1, 8, 59);
        await bed.RunDueWorkAsync();
        Assert.Equal(0, await bed.WithDbAsync(db => db.Set<DigestRecord>().CountAsync()));

        bed.At(2027, 1, 1, 9);
        await bed.RunDueWorkAsync();
        await bed.RunDueWorkAsync();
        var inbox = await bed.FannyInboxAsync();
        Assert.Contains(inbox, m => m.Contains("Brouillon du digest de janvier 2027"));
        Assert.Single(inbox, m => m.Contains("Brouillon du digest de janvier 2027"));
        Assert.Contains(inbox, m => m.Contains("Qui peut répondre") && m.Contains("gâteau au chocolat"));
        Assert.Contains(inbox, m => m.Contains("lundi 4 janvier 2027 à 09h00 (heure de Paris)"));
        Assert.Empty(bed.TeamsPostsTo("general"));

        bed.At(2027, 1, 2, 9);
        await bed.RunDueWorkAsync();
        Assert.DoesNotContain(await bed.FannyInboxAsync(), m => m.Contains("Rappel"));
        bed.At(2027, 1, 3, 9);
        await bed.RunDueWorkAsync();
        await bed.RunDueWorkAsync();
        Assert.Single(await bed.FannyInboxAsync(), m => m.Contains("Rappel : le digest de janvier 2027 attend votre approbation"));

        bed.At(2027, 1, 3, 10);
        (await bed.Alice.Says("approuver le digest")).Answers("réservée aux animateurs");
        (await bed.Fanny.Says("approuver le digest")).Answers("est approuvé", "lundi 4 janvier 2027 à 09h00", "2 canaux");

        bed.At(2027, 1, 4, 8, 59);
        await bed.RunDueWorkAsync();
        Assert.Empty(bed.TeamsPostsTo("general"));
        Assert.Empty(bed.SlackPostsTo("C0COMMU"));

        bed.At(2027, 1, 4, 9);
        await bed.RunDueWorkAsync();
        await bed.RunDueWorkAsync();
        bed.At(2027, 1, 4, 11);
        await bed.RunDueWorkAsync();
        var teams = Assert.Single(bed.TeamsPostsTo("general"));
        var teamsJson = DigestTestBed.Readable(teams.Body!.ToJsonString());
        Assert.Contains("Digest de la communauté — janvier 2027", teamsJson);
        Assert.Contains("Réserver le ", teamsJson);
        var slack = Assert.Single(bed.SlackPostsTo("C0COMMU"));
        Assert.Contains("Qui peut répondre", DigestTestBed.Readable(slack.Body.ToJsonString()));
        var digest = await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync());
        Assert.Equal(DigestStatus.Posted, digest.Status);
        Assert.Equal("Fanny", digest.ApprovedByName);
        Assert.Equal(2, await bed.WithDbAsync(db => db.Set<DigestPosting>().CountAsync(p => p.Status == DigestPostingStatus.Sent)));

        // A member books from the digest's button; the next draft tells the facilitators what the digest brought.
        var posted = await bed.Alice.Says("digest");
        (await bed.Alice.Clicks("Réserver le ")).Answers("Réservé : session 41");
        Assert.Equal($"digest:{digest.Id}", Assert.Single(bed.Sessions.Bookings).Source);
        posted.Offers("Répondre à Q1");

        bed.At(2027, 1, 20, 15);
        await bed.UnansweredAsync("Qui a gagné le match de rugby hier soir ?");
        bed.At(2027, 1, 29, 9);
        await bed.RunDueWorkAsync();
        Assert.Contains(await bed.FannyInboxAsync(), m => m.Contains("Brouillon du digest de février 2027") && m.Contains("Le digest de janvier 2027 a amené 1 réservation"));
    }

    [Fact]
    public async Task An_empty_month_posts_nothing_and_the_facilitators_are_told()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2027, 2, 20, 9, 0));
        await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest");
        bed.At(2027, 2, 26, 9); // 1 March 2027 is a Monday: draft on Friday 26 February
        await bed.RunDueWorkAsync();
        bed.At(2027, 3, 1, 9);
        await bed.RunDueWorkAsync();
        Assert.Empty(bed.SlackPostsTo("C0COMMU"));
        Assert.Single(await bed.FannyInboxAsync(), m => m.Contains("Pas de digest de mars 2027 : rien de neuf ce mois-ci"));
        Assert.Equal(DigestStatus.Empty, (await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync())).Status);
        (await bed.Fanny.Says("approuver le digest")).Answers("Il n'y a pas de digest de mars 2027");
        (await bed.Alice.Says("digest")).Answers("Aucun digest n'a encore été publié");
    }

    [Fact]
    public async Task Without_a_subscribed_channel_no_draft_is_built_on_schedule()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0));
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        bed.At(2027, 1, 1, 9);
        await bed.RunDueWorkAsync();
        Assert.Equal(0, await bed.WithDbAsync(db => db.Set<DigestRecord>().CountAsync()));
        Assert.Empty(await bed.FannyInboxAsync());
        (await bed.Fanny.Says("préparer le digest")).Answers("Brouillon du digest de janvier 2027", "Canaux abonnés", "abonner ce canal au digest");
    }
}
