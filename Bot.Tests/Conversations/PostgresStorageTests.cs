using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>The same bot on PostgreSQL: its own migrations apply, turns are stored, a restart loses nothing.</summary>
public sealed class PostgresStorageTests
{
    [SkippableFact]
    public async Task The_bot_runs_on_postgresql_and_keeps_its_state_across_a_restart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = database.Settings;
        var host = await BotTestHost.StartAsync(settings);
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.True(scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.IsNpgsql());

        var alice = new TestChat(host);
        (await alice.Says("Comment faire un gâteau au chocolat ?")).Answers("Je ne sais pas");

        host = await host.RestartAsync(settings);
        (await new TestChat(host).Says("transmettre")).Answers("transmis");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var question = await db.UnansweredQuestions.SingleAsync();
            Assert.Equal(UnansweredStatus.Forwarded, question.Status);
            Assert.Equal(host.Clock.GetCurrentInstant(), question.AskedAt);
        }
        await host.DisposeAsync();
    }
}
