using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Delivery;

public static class ParkedMessages
{
    /// <summary>A message given up after ten attempts and a received message that could not be handled.</summary>
    public static async Task ParkAsync(BotTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = host.Clock.GetCurrentInstant();
        db.Add(new OutboxMessage
        {
            IdempotencyKey = "reminder:42:J-2", Channel = "msteams", ConversationKey = "c:9", ConversationId = 9, Status = OutboxStatus.Failed,
            Attempts = 10, LastError = "abandonné après 10 essais : HTTP 502 <bad gateway>", FailureKind = OutboxFailureKind.TransientExhausted,
            CreatedAt = now, NextAttemptAt = now,
        });
        db.Add(new InboxItem
        {
            Channel = "slack", Kind = "event", PayloadJson = "{}", ConversationKey = "slack:C1", State = InboxState.Failed,
            Attempts = 6, LastError = "InvalidOperationException : panne", ReceivedAt = now, NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
    }
}
