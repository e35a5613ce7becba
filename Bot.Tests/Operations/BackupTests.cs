using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Bot.Verbs;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Tests.Operations;

/// <summary>Issue 20.8: a backup taken while the bot runs restores to a bot that has what the copy had.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task Back_up_while_running_erase_restore_and_the_member_s_booking_is_there()
    {
        var restoreDir = Directory.CreateTempSubdirectory("communaute-restore-");
        try
        {
            long sessionId;
            var copy = Path.Combine(restoreDir.FullName, "sauvegarde.db");
            await using (var host = await SessionsHost.StartAsync())
            {
                var facilitator = new TestChat(host, "facilitator", "Fanny");
                sessionId = await facilitator.CreateSessionAsync(host);
                var alice = new TestChat(host, "alice", "Alice Martin");
                (await alice.Says($"réserver {sessionId}")).Answers("réserv");

                // The bot is running (its pool holds connections, its workers poll) while the copy is taken.
                var code = await VerbRunner.RunAsync(["backup", copy, $"--Storage:ConnectionString=Data Source={Path.Combine(host.DataDirectory, "bot.db")}"]);
                Assert.Equal(0, code);

                await alice.Says("supprimer mes données");
                (await alice.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");
                Assert.Equal(0, await host.DbAsync(db => db.Members.CountAsync(m => m.ChannelUserId == "alice")));
            }

            // Restore: the copy becomes the database the bot starts on.
            var restored = Path.Combine(restoreDir.FullName, "bot.db");
            File.Copy(copy, restored);
            await using var again = await SessionsHost.StartAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={restored}" });
            var member = await again.DbAsync(db => db.Members.SingleAsync(m => m.ChannelUserId == "alice"));
            var booking = Assert.Single(await again.BookingsAsync(sessionId));
            Assert.Equal(member.Id, booking.MemberId);
            Assert.Equal(BookingStatus.Confirmed, booking.Status);
            (await new TestChat(again, "alice", "Alice Martin").Says("mes sessions")).Answers("Co-développement");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { restoreDir.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
