using Communaute.Bot.ExperienceDirectory;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>Two bot instances on one PostgreSQL database, both receiving the same request and the same « Accepter ».</summary>
public sealed class DirectoryPostgresTests
{
    [SkippableFact]
    public async Task Two_instances_racing_on_the_same_requests_introduce_each_pair_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync(maxPoolSize: 10);
        await using var a = await DirectoryHost.StartAsync(database.Settings);
        await using var b = await DirectoryHost.StartAsync(database.Settings);
        var pairs = new List<(MemberInfo Asker, MemberInfo Peer)>();
        for (var i = 0; i < 10; i++)
        {
            var peer = new TestChat(a, "peer" + i, "Pair" + i);
            await peer.PublishesAsync("financement participatif");
            var asker = new TestChat(b, "asker" + i, "Demandeur" + i);
            await asker.Says("bonjour");
            pairs.Add((await InfoAsync(a, "asker" + i), await InfoAsync(a, "peer" + i)));
        }
        var now = a.Clock.GetCurrentInstant();
        var accepted = 0;
        foreach (var (asker, peer) in pairs)
        {
            await Task.WhenAll(Request(a, asker, peer.Id), Request(b, asker, peer.Id));
            var id = await a.DbAsync(db => db.Set<IntroductionRequest>().Where(r => r.AskerId == asker.Id).Select(r => r.Id).SingleAsync());
            var outcomes = await Task.WhenAll(Accept(a, peer, id), Accept(b, peer, id));
            accepted += outcomes.Count(o => o);
        }
        Assert.Equal(10, accepted);
        Assert.Equal(10, await a.DbAsync(db => db.Set<IntroductionRequest>().CountAsync(r => r.Status == IntroductionStatus.Accepted)));
        Assert.Equal(10, await a.OutboxCountAsync("annuaire:demande:"));
        Assert.Equal(10, await a.OutboxCountAsync("annuaire:acceptee:"));

        async Task Request(BotTestHost host, MemberInfo asker, long peerId)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IntroductionService>().RequestAsync(asker, peerId, "financement", now, CancellationToken.None);
        }

        async Task<bool> Accept(BotTestHost host, MemberInfo peer, long id)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var reply = await scope.ServiceProvider.GetRequiredService<IntroductionService>().AcceptAsync(peer, id, now, CancellationToken.None);
            return reply.Card?.Title == "Mise en relation acceptée";
        }
    }

    private static async Task<MemberInfo> InfoAsync(BotTestHost host, string user)
    {
        var id = await host.MemberIdAsync(user);
        return new MemberInfo(id, user, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"], new HashSet<string>());
    }
}
