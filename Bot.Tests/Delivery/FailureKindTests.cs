using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>
/// Why a message was given up is stored as a kind, classified where the platform's answer is read (channel senders,
/// outbox), so that features (the digest parking a removed channel) never read the reason's wording.
/// </summary>
public sealed class FailureKindTests
{
    private static async Task<long> ConversationAsync(BotTestHost host, string channel, string id, string? reference)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = host.Clock.GetCurrentInstant();
        var row = new Conversation { Channel = channel, ChannelConversationId = id, IsGroup = true, CreatedAt = now, LastActivityAt = now, ReferenceJson = reference };
        db.Conversations.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static Task<long> SlackChannelAsync(BotTestHost host) =>
        ConversationAsync(host, "slack", "C0", Communaute.Bot.Channels.Slack.SlackInboxHandler.Reference("C0", "T1"));

    /// <summary>Writes one message to the conversation, delivers the outbox, and returns the row as it ended.</summary>
    private static async Task<OutboxMessage> SendAndDrainAsync(BotTestHost host, long conversation)
    {
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProactiveMessenger>().SendToConversationAsync(conversation, [Reply.Say("Digest")], "test:kind", default);
        await host.Services.GetRequiredService<OutboxSender>().DrainAsync();
        await using var check = host.Services.CreateAsyncScope();
        return await check.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().SingleAsync();
    }

    [Theory]
    [InlineData("channel_not_found", OutboxFailureKind.TargetGone)]
    [InlineData("not_in_channel", OutboxFailureKind.TargetGone)]
    [InlineData("is_archived", OutboxFailureKind.TargetGone)]
    [InlineData("account_inactive", OutboxFailureKind.TargetGone)]
    [InlineData("missing_scope", OutboxFailureKind.Forbidden)]
    [InlineData("not_allowed_token_type", OutboxFailureKind.Forbidden)]
    [InlineData("invalid_blocks", OutboxFailureKind.InvalidPayload)]
    [InlineData("msg_too_long", OutboxFailureKind.InvalidPayload)]
    [InlineData("something_new", OutboxFailureKind.Refused)]
    public async Task A_slack_refusal_is_parked_with_its_kind(string error, OutboxFailureKind kind)
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Delivery:ProcessOutbox"] = "false" });
        var channel = await SlackChannelAsync(t.Host);
        t.Slack.FailChannelWithError("C0", error);

        var row = await SendAndDrainAsync(t.Host, channel);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(kind, row.FailureKind);
        Assert.Contains(error, row.LastError);
    }

    [Theory]
    [InlineData(403, OutboxFailureKind.TargetGone)]
    [InlineData(404, OutboxFailureKind.TargetGone)]
    [InlineData(400, OutboxFailureKind.InvalidPayload)]
    [InlineData(413, OutboxFailureKind.InvalidPayload)]
    [InlineData(409, OutboxFailureKind.Refused)]
    public async Task A_teams_refusal_is_parked_with_its_kind(int status, OutboxFailureKind kind)
    {
        await using var teams = await FakeBotFramework.StartAsync();
        await using var host = await BotTestHost.StartAsync(TeamsDeliveryTests.Settings(new Dictionary<string, string?> { ["Delivery:ProcessOutbox"] = "false" }));
        var reference = new TeamsConversationReference
        {
            ServiceUrl = teams.ServiceUrl, ConversationId = "19:ancien@thread.tacv2", BotId = "28:bot", TenantId = "tenant-1", ConversationType = "channel",
        };
        var conversation = await ConversationAsync(host, "msteams", reference.ConversationId, reference.ToJson());
        teams.Refuse(status);

        var row = await SendAndDrainAsync(host, conversation);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(kind, row.FailureKind);
    }

    [Fact]
    public async Task Transient_errors_until_the_last_attempt_are_parked_as_exhausted_and_a_success_clears_the_kind()
    {
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:ProcessOutbox"] = "false", ["Delivery:OutboxMaxAttempts"] = "2",
        });
        var channel = await SlackChannelAsync(t.Host);
        t.Slack.FailChannel("C0", 500);

        var row = await SendAndDrainAsync(t.Host, channel);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(OutboxFailureKind.TransientExhausted, row.FailureKind);

        // A facilitator puts it back in the queue; it goes out and nothing says it failed any more.
        t.Slack.HealChannels();
        (await new TestChat(t.Host, "facilitator").Says("réessayer les messages en échec")).Answers("1 message remis");
        await t.Host.Services.GetRequiredService<OutboxSender>().DrainAsync();
        await using var scope = t.Host.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().SingleAsync(o => o.Channel == "slack");
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(OutboxFailureKind.None, sent.FailureKind);
        Assert.Null(sent.LastError);
    }

    [SkippableFact]
    public async Task The_kind_is_stored_and_read_back_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var t = await SlackTestHost.StartAsync(new Dictionary<string, string?>(database.Settings) { ["Delivery:ProcessOutbox"] = "false" });
        var channel = await SlackChannelAsync(t.Host);
        t.Slack.FailChannelWithError("C0", "is_archived");

        var row = await SendAndDrainAsync(t.Host, channel);

        Assert.Equal(OutboxFailureKind.TargetGone, row.FailureKind);
        await using var scope = t.Host.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>()
            .CountAsync(o => o.FailureKind == OutboxFailureKind.TargetGone && o.Status == OutboxStatus.Failed));
    }
}
