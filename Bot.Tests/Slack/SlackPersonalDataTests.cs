using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Slack;

/// <summary>What Slack brought in about a member, and what the bot sent them, is part of "mes données" and goes with "supprimer mes données".</summary>
public sealed class SlackPersonalDataTests
{
    [Fact]
    public async Task The_slack_requests_of_a_member_are_exported_and_deleted_with_their_data()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U7", "D7", "Qu'est-ce que le FISO ?", "1795000000.000200")));
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U8", "D8", "aide", "1795000000.000300")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", 2);

        await using var scope = t.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var member = await db.Members.SingleAsync(m => m.Channel == "slack" && m.ChannelUserId == "U7");
        var privacy = scope.ServiceProvider.GetRequiredService<PersonalDataService>();

        var (json, counts) = await privacy.ExportAsync(member.Id, "maintenant", CancellationToken.None);
        // The question received, and the answer sent to the member's DM.
        Assert.Equal(2, counts["messagesRecusEtEnvoyes"]);
        Assert.Contains("FISO", json);

        var deleted = await privacy.DeleteAsync(member.Id, CancellationToken.None);
        Assert.Equal(2, deleted["messagesRecusEtEnvoyes"]);
        var left = await t.InboxAsync();
        Assert.Single(left);
        Assert.Contains("U8", left[0].PayloadJson);
        Assert.Single(await t.OutboxAsync());
    }
}
