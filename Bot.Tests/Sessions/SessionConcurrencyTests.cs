using Communaute.Bot.Pipeline;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>The seat rules held by the database under concurrent requests, on SQLite and on PostgreSQL with two hosts.</summary>
public sealed class SessionConcurrencyTests
{
    private static IncomingTurn Turn(string user, string text) =>
        new() { Channel = "test", ConversationId = "conv-" + user, UserId = user, UserName = "Membre " + user, Text = text };

    private static string Text(IReadOnlyList<Reply> replies) =>
        string.Join("\n", replies.Select(r => Communaute.Bot.Rendering.PlainTextRenderer.Render(r).Text));

    /// <summary>Sends the turns all at once (each on its own task); counts the answers by kind.</summary>
    private static async Task<(int Confirmed, int Waitlisted, int Clients, int Errors, List<string> Odd)> StormAsync(IReadOnlyList<(Communaute.Bot.Delivery.LocalTurns Pipeline, IncomingTurn Turn)> turns)
    {
        using var gate = new ManualResetEventSlim(false);
        var tasks = turns.Select(t => Task.Run(async () =>
        {
            gate.Wait();
            try { return Text(await t.Pipeline.HandleAsync(t.Turn)); }
            catch (Exception e) { return "ERREUR " + e.GetBaseException().Message; }
        })).ToList();
        gate.Set();
        var answers = await Task.WhenAll(tasks);
        var confirmed = answers.Count(a => a.Contains("votre place est réservée", StringComparison.Ordinal));
        var clients = answers.Count(a => a.Contains("vous êtes client", StringComparison.Ordinal));
        var waitlisted = answers.Count(a => a.Contains("vous êtes sur la liste d'attente", StringComparison.Ordinal));
        var odd = answers.Where(a => !a.Contains("votre place est réservée", StringComparison.Ordinal) && !a.Contains("vous êtes client", StringComparison.Ordinal)
            && !a.Contains("vous êtes sur la liste d'attente", StringComparison.Ordinal)).ToList();
        return (confirmed, waitlisted, clients, answers.Count(a => a.StartsWith("ERREUR", StringComparison.Ordinal)), odd);
    }

    [Fact]
    public async Task Two_hundred_concurrent_bookings_on_eight_seats_confirm_exactly_eight()
    {
        await using var host = await SessionsHost.StartAsync();
        var id = await new TestChat(host, "facilitator", "Fanny").CreateSessionAsync(host);
        var (confirmed, waitlisted, _, errors, odd) = await StormAsync(
            Enumerable.Range(0, 200).Select(i => (host.Turns, Turn($"m{i}", $"réserver {id}"))).ToList());
        Assert.True(errors == 0 && odd.Count == 0, string.Join("\n---\n", odd.Take(3)));
        Assert.Equal((8, 192), (confirmed, waitlisted));
        await AssertSeatsAsync(host, id, 8, 192);
    }

    [Fact]
    public async Task Twenty_concurrent_volunteers_for_one_client_slot_make_one_client_and_a_double_click_books_once()
    {
        await using var host = await SessionsHost.StartAsync();
        var id = await new TestChat(host, "facilitator", "Fanny").CreateSessionAsync(host, more: new Dictionary<string, string> { ["capacite_max"] = "30" });
        var (_, _, clients, errors, odd) = await StormAsync(Enumerable.Range(0, 20)
            .Select(i => (host.Turns, Turn($"c{i}", $"être client {id} : Comment garder nos bénévoles plus de six mois ?"))).ToList());
        Assert.Equal((1, 0), (clients, errors));
        Assert.Equal(19, odd.Count(a => a.Contains("déjà prise", StringComparison.Ordinal)));
        var session = await host.SessionAsync(id);
        Assert.Equal((1, 1), (session.ClientsTaken, session.Taken));
        Assert.Single(await host.BookingsAsync(id));

        var clicks = await StormAsync(Enumerable.Range(0, 10).Select(_ => (host.Turns, Turn("double", $"réserver {id}"))).ToList());
        Assert.Equal(1, clicks.Confirmed);
        Assert.All(clicks.Odd, a => Assert.Contains("déjà une place", a));
        Assert.Equal(2, (await host.SessionAsync(id)).Taken);
        Assert.Equal(2, (await host.BookingsAsync(id)).Count);
    }

    [SkippableFact]
    public async Task Two_hosts_on_postgresql_confirm_exactly_eight_of_two_hundred()
    {
        // Two hosts share the test server with other work: a small pool each keeps well under its connection limit.
        await using var database = await PostgresDatabase.CreateAsync(maxPoolSize: 15);
        var settings = database.Settings;
        await using var first = await SessionsHost.StartAsync(settings);
        await using var second = await SessionsHost.StartAsync(settings);
        var id = await new TestChat(first, "facilitator", "Fanny").CreateSessionAsync(first);
        var (confirmed, waitlisted, _, errors, odd) = await StormAsync(Enumerable.Range(0, 200)
            .Select(i => (i % 2 == 0 ? first.Turns : second.Turns, Turn($"m{i}", $"réserver {id}"))).ToList());
        Assert.True(errors == 0 && odd.Count == 0, string.Join("\n---\n", odd.Take(3)));
        Assert.Equal((8, 192), (confirmed, waitlisted));
        await AssertSeatsAsync(second, id, 8, 192);

        // Which eight won is up to the race: the client slot is contested on a second session, by twenty new members.
        var open = await new TestChat(first, "facilitator", "Fanny").CreateSessionAsync(first, more: new Dictionary<string, string> { ["capacite_max"] = "30" });
        var clients = await StormAsync(Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? first.Turns : second.Turns, Turn($"c{i}", $"être client {open} : Un problème réel à présenter au groupe."))).ToList());
        Assert.Equal((1, 0), (clients.Clients, clients.Errors));
        Assert.Equal(1, (await second.SessionAsync(open)).ClientsTaken);
    }

    private static async Task AssertSeatsAsync(BotTestHost host, long id, int confirmed, int waitlisted)
    {
        var rows = await host.BookingsAsync(id);
        Assert.Equal(confirmed, rows.Count(b => b.Status == BookingStatus.Confirmed));
        Assert.Equal(waitlisted, rows.Count(b => b.Status == BookingStatus.Waitlisted));
        Assert.Equal(confirmed + waitlisted, rows.Select(b => b.MemberId).Distinct().Count());
        Assert.Equal(confirmed, (await host.SessionAsync(id)).Taken);
    }
}
