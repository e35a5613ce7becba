using Communaute.Bot.Dialogs;
using Communaute.Bot.Hosting;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.6: erasure never destroys another member's data, and the schema cannot hold orphans.</summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Erasing_my_data_in_a_shared_conversation_keeps_the_other_members_questionnaire()
    {
        // Two people on one web chat conversation (a shared screen): Bob's questionnaire lives in it, Alice spoke last.
        var bob = new TestChat(_host, "bob", "Bob", channel: "webchat", conversationId: "shared-screen");
        var alice = new TestChat(_host, "alice", "Alice", channel: "webchat", conversationId: "shared-screen");
        await bob.Says("caractériser mon projet");
        (await bob.Clicks("Commencer")).Answers("Quel besoin social");
        await alice.Says("Qu'est-ce que le FISO ?");

        await alice.Says("supprimer mes données");
        (await alice.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            Assert.Equal(["bob"], await db.Members.Select(m => m.ChannelUserId).ToListAsync());
            var conversation = await db.Conversations.SingleAsync();
            Assert.Equal("shared-screen", conversation.ChannelConversationId);
            Assert.Null(conversation.ReferenceJson);
            Assert.Null(conversation.DirectMemberId);
            var state = await db.Set<DialogStateRecord>().SingleAsync();
            Assert.Equal(conversation.Id, state.ConversationId);
        }
        // Bob's questionnaire goes on where it was.
        (await bob.Says("Des familles monoparentales sans solution de garde le soir.")).Answers("nouveau");
    }

    [Fact]
    public async Task The_database_refuses_orphans()
    {
        var bob = new TestChat(_host, "bob", "Bob");
        await bob.Says("caractériser mon projet");
        await bob.Clicks("Commencer");
        await bob.Says("Qu'est-ce que la météo demain ?");

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        // A conversation someone's questionnaire lives in cannot be deleted from under it.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Conversations.ExecuteDeleteAsync());
        Assert.ThrowsAny<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRaw("""INSERT INTO "DialogStates" ("MemberId","ConversationId","DialogId","StateJson","Revision","UpdatedAt") VALUES (999,999,'x','-',1,0)"""));

        // A member's rows go with the member.
        await db.Set<DialogStateRecord>().ExecuteDeleteAsync();
        await db.Members.ExecuteDeleteAsync();
        Assert.Empty(await db.AnswerAudits.ToListAsync());
        Assert.Empty(await db.UnansweredQuestions.ToListAsync());
        Assert.All(await db.Conversations.ToListAsync(), c => Assert.Null(c.DirectMemberId));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task The_migration_that_adds_the_keys_removes_the_orphans_the_old_schema_let_in(string provider)
    {
        var data = Directory.CreateTempSubdirectory("communaute-orphans-");
        await using var postgres = provider == "PostgreSQL" ? await PostgresDatabase.CreateAsync() : null;
        var connection = postgres?.ConnectionString ?? $"Data Source={Path.Combine(data.FullName, "bot.db")}";
        try
        {
            var builder = BotApp.CreateBuilder([$"--Storage:Provider={provider}", $"--Storage:ConnectionString={connection}", "--Knowledge:WatchForChanges=false"]);
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());

            // What the old schema let happen: a questionnaire whose conversation was erased under it, a result whose member is gone.
            var member = new Member { Channel = "test", ChannelUserId = "bob" };
            var conversation = new Conversation { Channel = "test", ChannelConversationId = "c" };
            db.AddRange(member, conversation);
            await db.SaveChangesAsync();
            db.Add(new DialogStateRecord { MemberId = member.Id, ConversationId = conversation.Id, DialogId = "kept", StateJson = "{}" });
            db.Add(new DialogStateRecord { MemberId = member.Id, ConversationId = conversation.Id + 99, DialogId = "orphan", StateJson = "{}" });
            db.Add(new CharacterisationRecord { MemberId = member.Id + 99, GridVersion = "v1" });
            db.Add(new CharacterisationRecord { MemberId = member.Id, GridVersion = "v1", ChartMediaId = "gone" });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            await db.Database.MigrateAsync();
            Assert.Equal(["kept"], await db.Set<DialogStateRecord>().Select(s => s.DialogId).ToListAsync());
            var kept = await db.Set<CharacterisationRecord>().SingleAsync();
            Assert.Equal(member.Id, kept.MemberId);
            Assert.Null(kept.ChartMediaId);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }
}
