using Communaute.Bot.Delivery;
using Communaute.Bot.Digest;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>Exactly once per (period, target): failures retried alone, removed channels parked, edits never posted twice, two hosts racing.</summary>
public sealed class DigestDeliveryTests
{
    private static async Task ApprovedDraftAsync(DigestTestBed bed)
    {
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        bed.At(2027, 1, 1, 9);
        await bed.RunDueWorkAsync();
        (await bed.Fanny.Says("approuver le digest")).Answers("est approuvé");
        bed.At(2027, 1, 4, 9);
    }

    /// <summary>
    /// Teams « ancien » and Slack C0ARCHIVE (and <paramref name="working"/> Slack channels) subscribed, the digest
    /// approved and posted, and both refusing it as channels the bot was removed from (403, is_archived).
    /// </summary>
    private static async Task PostedWhereTheBotWasRemovedAsync(DigestTestBed bed, params string[] working)
    {
        await bed.SaysInTeamsChannelAsync("ancien", "abonner ce canal au digest");
        await bed.SaysInSlackChannelAsync("C0ARCHIVE", "abonner ce canal au digest");
        foreach (var channel in working) await bed.SaysInSlackChannelAsync(channel, "abonner ce canal au digest");
        // Only Fanny (web chat) stays a facilitator, so that the scripted failures hit the channels, not private messages.
        await bed.WithDbAsync(db => db.Members.Where(m => m.Channel != "webchat").ExecuteUpdateAsync(s => s.SetProperty(m => m.Roles, "")));
        await ApprovedDraftAsync(bed);

        bed.Teams.Then(403);
        bed.Slack.FailChannelWithError("C0ARCHIVE", "is_archived");
        await bed.RunDueWorkAsync();
        bed.Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await bed.RunDueWorkAsync();
    }

    [Fact]
    public async Task A_target_failing_then_recovering_is_retried_alone()
    {
        // The outbox's real backoff (the Slack test settings retry at once): a failed post waits for its next attempt.
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0), new Dictionary<string, string?> { ["Delivery:RetryBaseDelay"] = "00:00:02" });
        await bed.SaysInSlackChannelAsync("C0FLAKY", "abonner ce canal au digest");
        await bed.SaysInSlackChannelAsync("C0OK", "abonner ce canal au digest");
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await ApprovedDraftAsync(bed);

        bed.Slack.FailChannel("C0FLAKY", 500);
        await bed.RunDueWorkAsync();
        Assert.Single(bed.SlackPostsTo("C0FLAKY")); // the failed attempt
        Assert.Single(bed.SlackPostsTo("C0OK"));
        Assert.Single(bed.TeamsPostsTo("general"));
        // Handed to the outbox once per target; the outbox keeps the failed one and retries it on its own.
        var flaky = await bed.WithDbAsync(db => db.Set<DigestPosting>().Join(db.Set<OutboxMessage>(), p => p.IdempotencyKey, o => o.IdempotencyKey, (p, o) => o)
            .SingleAsync(o => o.Status == OutboxStatus.Pending));
        Assert.Contains("http_500", flaky.LastError);
        Assert.Equal(DigestStatus.Posted, (await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync())).Status);
        (await bed.Fanny.Says("canaux du digest")).Answers("en attente d'un nouvel essai automatique", "remis");
        var next = await bed.WithDbAsync(db => bed.Host.Services.CreateScope().ServiceProvider.GetRequiredService<DigestDueWork>().NextDueAsync(bed.Host.Clock.GetCurrentInstant(), default));
        Assert.Equal(bed.Host.Clock.GetCurrentInstant() + Duration.FromMinutes(1), next);

        bed.Slack.HealChannels();
        bed.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await bed.RunDueWorkAsync();
        await bed.RunDueWorkAsync();
        Assert.Equal(2, bed.SlackPostsTo("C0FLAKY").Count);
        Assert.Single(bed.SlackPostsTo("C0OK"));
        Assert.Single(bed.TeamsPostsTo("general"));
        (await bed.Fanny.Says("canaux du digest")).Answers("remis").DoesNotSay("nouvel essai", "échec");
        Assert.DoesNotContain(await bed.FannyInboxAsync(), m => m.Contains("n'a pas pu être publié"));
    }

    [Fact]
    public async Task A_channel_the_bot_was_removed_from_is_parked_and_the_facilitators_told()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0));
        await PostedWhereTheBotWasRemovedAsync(bed, "C0OK");
        await bed.RunDueWorkAsync();
        Assert.Single(bed.TeamsPostsTo("ancien"));
        Assert.Single(bed.SlackPostsTo("C0ARCHIVE"));
        Assert.Single(bed.SlackPostsTo("C0OK"));
        var inbox = await bed.FannyInboxAsync();
        Assert.Single(inbox, m => m.Contains("Je ne peux plus écrire dans le canal Teams 19:ancien@thread.tacv2"));
        Assert.Single(inbox, m => m.Contains("Je ne peux plus écrire dans le canal Slack C0ARCHIVE"));
        Assert.Equal(DigestStatus.Posted, (await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync())).Status);
        Assert.Equal(2, await bed.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(o => o.Status == OutboxStatus.Failed && o.IdempotencyKey.StartsWith("digest:2027-01:"))));
        (await bed.Fanny.Says("canaux du digest")).Answers("mis de côté", "en échec", "is_archived", "remis");
        (await bed.Fanny.Says("messages en échec")).Answers("is_archived", "403");

        // Invited back, a facilitator subscribes the channel again; the digest is not posted to the others again.
        Assert.Contains("de nouveau", (await bed.SaysInTeamsChannelAsync("ancien", "abonner ce canal au digest"))[0].Text);
        Assert.Equal(0, await bed.WithDbAsync(db => db.Set<DigestTarget>().CountAsync(t => t.ParkedAt != null && t.ParkedReason!.Contains("403"))));
        (await bed.Fanny.Says("réessayer les messages en échec")).Answers("2 messages remis");
        bed.Slack.HealChannels();
        await bed.RunDueWorkAsync();
        Assert.Equal(2, bed.TeamsPostsTo("ancien").Count);
        Assert.Single(bed.SlackPostsTo("C0OK"));
        Assert.Single(await bed.FannyInboxAsync(), m => m.Contains("Je ne peux plus écrire dans le canal Teams 19:ancien@thread.tacv2"));
    }

    [Fact]
    public async Task A_channel_slack_refuses_for_a_token_reason_is_not_set_aside()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0));
        await bed.SaysInSlackChannelAsync("C0TOKEN", "abonner ce canal au digest");
        await ApprovedDraftAsync(bed);

        // The app's token, not the channel, is at fault: the channel must keep receiving the digest once it is fixed.
        bed.Slack.FailChannelWithError("C0TOKEN", "not_allowed_token_type");
        await bed.RunDueWorkAsync();
        bed.Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await bed.RunDueWorkAsync();

        var inbox = await bed.FannyInboxAsync();
        Assert.Single(inbox, m => m.Contains("n'a pas pu être publié dans le canal Slack C0TOKEN"));
        Assert.DoesNotContain(inbox, m => m.Contains("Je ne peux plus écrire"));
        Assert.Equal(0, await bed.WithDbAsync(db => db.Set<DigestTarget>().CountAsync(t => t.ParkedAt != null)));
        var failed = await bed.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(o => o.Status == OutboxStatus.Failed));
        Assert.Equal(OutboxFailureKind.Forbidden, failed.FailureKind);
    }

    [Fact]
    public async Task A_digest_sent_again_by_hand_is_posted_again_and_later_edits_update_it() => await RetriedByHandAsync(null);

    [SkippableFact]
    public async Task A_digest_sent_again_by_hand_is_posted_again_and_later_edits_update_it_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await RetriedByHandAsync(database.Settings);
    }

    private static async Task RetriedByHandAsync(IDictionary<string, string?>? storage)
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0), storage);
        await PostedWhereTheBotWasRemovedAsync(bed);
        Assert.All(await bed.WithDbAsync(db => db.Set<DigestPosting>().ToListAsync()), p => Assert.Equal(DigestPostingStatus.Parked, p.Status));

        // The bot is invited back, the channels subscribed again, and a facilitator sends the failed messages again.
        await bed.SaysInTeamsChannelAsync("ancien", "abonner ce canal au digest");
        await bed.SaysInSlackChannelAsync("C0ARCHIVE", "abonner ce canal au digest");
        bed.Slack.HealChannels();
        (await bed.Fanny.Says("réessayer les messages en échec")).Answers("2 messages remis");
        await bed.RunDueWorkAsync();
        var teamsPost = bed.TeamsPostsTo("ancien").Last();
        var slackPost = bed.Slack.Posted.Last(p => p["channel"]?.ToString() == "C0ARCHIVE");
        var postings = await bed.WithDbAsync(db => db.Set<DigestPosting>().ToListAsync());
        Assert.All(postings, p => Assert.Equal(DigestPostingStatus.Sent, p.Status));
        Assert.All(postings, p => Assert.Null(p.LastError));

        // A later edit updates the messages the retry posted, in both channels, and posts nothing new.
        (await bed.Fanny.Says("modifier la section 1 : Une seule question attend encore une réponse.")).Answers("Les messages déjà publiés sont mis à jour");
        await bed.RunDueWorkAsync();
        var update = Assert.Single(bed.Teams.Messages, c => c.Method == "PUT");
        Assert.EndsWith("/activities/" + teamsPost.ReturnedId, update.RawPath);
        Assert.Contains("Une seule question attend encore une réponse.", DigestTestBed.Readable(update.Body!.ToJsonString()));
        var slackUpdate = Assert.Single(await bed.Slack.WaitForAsync(c => c.Method == "chat.update"));
        Assert.Equal(slackPost["ts"]!.ToString(), slackUpdate.Str("ts"));
        Assert.Equal(2, bed.TeamsPostsTo("ancien").Count);
        Assert.Equal(2, bed.SlackPostsTo("C0ARCHIVE").Count);
    }

    [Fact]
    public async Task An_edit_after_posting_never_posts_the_digest_again()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0));
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest");
        await ApprovedDraftAsync(bed);
        await bed.RunDueWorkAsync();

        (await bed.Fanny.Says("modifier la section 1 : Une seule question attend encore une réponse.")).Answers("est modifiée", "messages déjà publiés");
        await bed.RunDueWorkAsync();
        Assert.Single(bed.TeamsPostsTo("general"));
        Assert.Single(bed.SlackPostsTo("C0COMMU"));
        var digest = await bed.WithDbAsync(db => db.Set<DigestRecord>().SingleAsync());
        Assert.Equal(DigestStatus.Posted, digest.Status);
    }

    [Fact]
    public async Task An_edit_after_posting_updates_the_posted_messages()
    {
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0));
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        await bed.SaysInSlackChannelAsync("C0COMMU", "abonner ce canal au digest");
        await ApprovedDraftAsync(bed);
        await bed.RunDueWorkAsync();

        (await bed.Fanny.Says("modifier la section 1 : Une seule question attend encore une réponse.")).Answers("Les messages déjà publiés sont mis à jour");
        await bed.RunDueWorkAsync();
        // Delivery is asynchronous with the outbox: wait for the sender.
        var update = (await bed.Teams.WaitForMessagesAsync(bed.Teams.Messages.Count + 1)).Last(c => c.Method == "PUT");
        Assert.Contains("Une seule question attend encore une réponse.", DigestTestBed.Readable(update.Body!.ToJsonString()));
        var slackUpdate = Assert.Single(await bed.Slack.WaitForAsync(c => c.Method == "chat.update"));
        Assert.Equal("C0COMMU", slackUpdate.Str("channel"));
        Assert.Single(bed.TeamsPostsTo("general"), c => c.Method == "POST");
        Assert.Single(bed.SlackPostsTo("C0COMMU"));
        Assert.Equal(0, await bed.WithDbAsync(db => db.Set<DigestPosting>().CountAsync(p => p.LastError != null)));
    }

    [Fact]
    public async Task Two_hosts_on_one_sqlite_file_post_each_target_once() => await TwoHostsRaceAsync(null);

    [SkippableFact]
    public async Task Two_hosts_on_one_postgresql_database_post_each_target_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await TwoHostsRaceAsync(database.Settings);
    }

    private static async Task TwoHostsRaceAsync(IDictionary<string, string?>? storage)
    {
        const int PerChannel = 8;
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 12, 20, 9, 0), storage);
        for (var i = 0; i < PerChannel; i++)
        {
            await bed.SaysInTeamsChannelAsync($"canal-{i}", "abonner ce canal au digest");
            await bed.SaysInSlackChannelAsync($"C0{i}", "abonner ce canal au digest");
        }
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        await using var second = await bed.StartSecondHostAsync();
        var hosts = new[] { bed.Host, second };
        async Task RaceAsync(int year, int month, int day, int hour)
        {
            var at = new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(DigestCalendar.Paris).ToInstant();
            foreach (var h in hosts) h.Clock.Reset(at);
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Services.GetRequiredService<DueWorkRunner>().RunAllAsync())));
            // Both outboxes deliver what the race wrote (each conversation held by one instance at a time).
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Services.GetRequiredService<OutboxSender>().DrainAsync())));
        }

        await RaceAsync(2027, 1, 1, 9);
        Assert.Equal(1, await bed.WithDbAsync(db => db.Set<DigestRecord>().CountAsync()));
        Assert.Single(await bed.FannyInboxAsync(), m => m.Contains("Brouillon du digest de janvier 2027"));
        await new TestChat(second, "fanny", "Fanny", channel: "webchat").Says("approuver le digest");

        await RaceAsync(2027, 1, 4, 9);
        for (var i = 0; i < PerChannel; i++)
        {
            Assert.Single(bed.TeamsPostsTo($"canal-{i}"));
            Assert.Single(bed.SlackPostsTo($"C0{i}"));
        }
        var postings = await bed.WithDbAsync(db => db.Set<DigestPosting>().ToListAsync());
        Assert.Equal(2 * PerChannel, postings.Count);
        Assert.All(postings, p => Assert.Equal(DigestPostingStatus.Sent, p.Status));
        Assert.Equal(2 * PerChannel, postings.Select(p => p.IdempotencyKey).Distinct().Count());
        Assert.All(postings, p => Assert.StartsWith("digest:2027-01:", p.IdempotencyKey));
    }
}
