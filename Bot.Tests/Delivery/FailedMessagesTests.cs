using Communaute.Bot.Delivery;
using Communaute.Bot.Rendering;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>« messages en échec »: facilitators see what the bot gave up sending and why, and can put it back in the queue.</summary>
public sealed class FailedMessagesTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task ParkAsync() => ParkedMessages.ParkAsync(_host);

    [Fact]
    public async Task A_member_is_told_the_command_is_for_facilitators()
    {
        await ParkAsync();
        (await new TestChat(_host).Says("messages en échec")).Answers("réservée aux animateurs").DoesNotSay("reminder:42");
    }

    [Fact]
    public async Task Nothing_failed_is_said_in_one_line()
    {
        (await new TestChat(_host, "facilitator").Says("messages en échec")).Answers("Aucun message en échec");
    }

    [SkippableFact]
    public async Task A_facilitator_sees_the_parked_messages_with_their_reason_and_can_requeue_them()
    {
        await ParkAsync();
        var facilitator = new TestChat(_host, "facilitator");
        var said = (await facilitator.Says("messages en echec"))
            .Answers("Messages en échec", "Teams", "HTTP 502", "reminder:42:J-2", "message reçu de Slack non traité", "panne")
            .Offers("Réessayer");
        await CardValidator.AssertValidAsync(said.Replies.Select(r => AdaptiveCardRenderer.Render(r.Card!)).ToArray());

        (await facilitator.Clicks("Réessayer")).Answers("1 message remis dans la file");
        await using var scope = _host.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<OutboxMessage>().SingleAsync(o => o.IdempotencyKey == "reminder:42:J-2");
        // Put back with its count reset, and taken again by the sender (TestChat drains the outbox after each turn):
        // its conversation no longer exists, so it is parked again at once, for that new reason.
        Assert.Equal(0, row.Attempts);
        Assert.DoesNotContain("HTTP 502", row.LastError ?? "");
    }

    [Fact]
    public async Task Each_failure_is_explained_in_french_by_its_kind_with_the_platforms_answer()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = _host.Clock.GetCurrentInstant();
            OutboxMessage Failed(string key, OutboxFailureKind kind, string error) => new()
            {
                IdempotencyKey = key, Channel = "slack", ConversationKey = "c:" + key, Status = OutboxStatus.Failed, Attempts = 1,
                LastError = error, FailureKind = kind, CreatedAt = now, NextAttemptAt = now,
            };
            db.AddRange(
                Failed("digest:2027-01:1", OutboxFailureKind.TargetGone, "chat.postMessage: is_archived"),
                Failed("digest:2027-01:2", OutboxFailureKind.Forbidden, "chat.postMessage: missing_scope"),
                Failed("digest:2027-01:3", OutboxFailureKind.InvalidPayload, "chat.postMessage: invalid_blocks"));
            await db.SaveChangesAsync();
        }

        (await new TestChat(_host, "facilitator").Says("messages en échec"))
            .Answers("le bot n'a plus accès à cette conversation", "is_archived",
                     "l'application n'a pas les droits nécessaires", "missing_scope",
                     "la plateforme refuse le contenu du message", "invalid_blocks");
    }
}
