using System.Data.Common;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Security;

/// <summary>
/// Issue 20.3: the sessions, digest and outbox tables are tied to their member and session by foreign keys, and
/// « supprimer mes données » leaves nothing of the member anywhere: every table of the database is read back.
/// </summary>
public sealed class ErasureScanTests
{
    private const string UserId = "zoe-scan-4711";
    private const string Name = "Zoé Scanwoman";
    private static readonly string[] Needles = [UserId, "Scanwoman", "xylophone", "Coopérative Quetzal"];

    [Fact]
    public async Task After_erasure_no_table_holds_the_member_s_id_name_or_words()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny Animatrice");
        var sessionId = await facilitator.CreateSessionAsync(host);
        var zoe = new TestChat(host, UserId, Name, conversationId: "conv-zoe");
        var other = new TestChat(host, "bruno", "Bruno Voisin");

        await zoe.Says("Quelle est la recette du gâteau xylophone ?");
        await zoe.Says("mon organisation Coopérative Quetzal");
        (await zoe.Says($"réserver {sessionId}")).Answers("réserv");
        await other.Says($"réserver {sessionId}");
        await zoe.Says("caractériser mon projet");
        await zoe.Clicks("Commencer");
        await zoe.Says("Des familles xylophone sans solution de garde le soir.");
        await zoe.Says("pause");
        await host.RunDueWorkAsync();
        var memberId = await host.DbAsync(db => db.Members.Where(m => m.ChannelUserId == UserId).Select(m => m.Id).SingleAsync());
        Assert.NotEmpty(await ScanAsync(host, memberId));

        await zoe.Says("supprimer mes données");
        (await zoe.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");
        await host.RunDueWorkAsync();

        var found = await ScanAsync(host, memberId);
        Assert.True(found.Count == 0, "Restes de la membre effacée :\n" + string.Join("\n", found));
        // The other member's booking is untouched.
        Assert.Single(await host.BookingsAsync(sessionId), b => b.Status != BookingStatus.Cancelled);
    }

    [Fact]
    public async Task The_database_refuses_session_digest_and_outbox_rows_without_their_member_or_session()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny Animatrice");
        var sessionId = await facilitator.CreateSessionAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var member = await db.Members.Select(m => m.Id).FirstAsync();

        string[] orphans =
        [
            $"""INSERT INTO "SessionBookings" ("SessionId","MemberId","Role","Status","BookedAt","UpdatedAt","OfferCount","CalendarSequence") VALUES ({sessionId},99999,0,0,0,0,0,0)""",
            $"""INSERT INTO "SessionBookings" ("SessionId","MemberId","Role","Status","BookedAt","UpdatedAt","OfferCount","CalendarSequence") VALUES (99999,{member},0,0,0,0,0,0)""",
            """INSERT INTO "SessionProfiles" ("MemberId","LockVersion") VALUES (99999,0)""",
            """INSERT INTO "SessionPosts" ("SessionId","ConversationId") VALUES (99999,1)""",
            """INSERT INTO "DigestAnswerProposals" ("QuestionId","QuestionText","MemberId","MemberName","Text","ProposedAt") VALUES (1,'q',99999,'x','t',0)""",
        ];
        foreach (var sql in orphans)
            Assert.ThrowsAny<DbException>(() => db.Database.ExecuteSqlRaw(sql));
        // A member's bookings hold seats: the member cannot be deleted under them (erasure cancels them first).
        var bookable = new TestChat(host, "bruno", "Bruno");
        await bookable.Says($"réserver {sessionId}");
        var bruno = await db.Members.Where(m => m.ChannelUserId == "bruno").Select(m => m.Id).SingleAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => db.Members.Where(m => m.Id == bruno).ExecuteDeleteAsync());
    }

    /// <summary>Every table's every value that names the member: their words, id or name as text, their id in a member column.</summary>
    private static async Task<List<string>> ScanAsync(BotTestHost host, long memberId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var memberColumns = db.Model.GetEntityTypes()
            .SelectMany(t => t.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType == typeof(Member))
                .SelectMany(fk => fk.Properties.Select(p => (Table: t.GetTableName(), Column: p.GetColumnName()))))
            .ToHashSet();
        Assert.Contains(("SessionBookings", "MemberId"), memberColumns);
        Assert.Contains(("Outbox", "MemberId"), memberColumns);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("SessionBookings", tables);
        Assert.Contains("QRTZ_JOB_DETAILS", tables, StringComparer.OrdinalIgnoreCase);

        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var column = reader.GetName(i);
                    var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    if (value is string text && Needles.FirstOrDefault(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)) is { } needle)
                        found.Add($"{table}.{column} contient « {needle} »");
                    else if (value is byte[] bytes && Needles.FirstOrDefault(n => System.Text.Encoding.UTF8.GetString(bytes).Contains(n, StringComparison.OrdinalIgnoreCase)) is { } inBytes)
                        found.Add($"{table}.{column} (binaire) contient « {inBytes} »");
                    else if (value is long id && id == memberId && memberColumns.Contains((table, column)))
                        found.Add($"{table}.{column} = {memberId}");
                }
            }
        }
        return found;
    }
}
