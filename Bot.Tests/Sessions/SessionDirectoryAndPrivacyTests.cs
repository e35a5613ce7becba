using Communaute.Bot.Sessions;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>What the digest asks of sessions; a member's data exported and erased (the seat freed, the waitlist offered).</summary>
public sealed class SessionDirectoryAndPrivacyTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SessionsHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_digest_lists_open_sessions_and_its_booking_button_records_the_source()
    {
        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var open = await facilitator.CreateSessionAsync(_host, title: "Ouverte", date: "10/12/2026");
        var full = await facilitator.CreateSessionAsync(_host, title: "Pleine", date: "11/12/2026", more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "1" });
        var later = await facilitator.CreateSessionAsync(_host, title: "Plus tard", date: "10/02/2027");
        await new TestChat(_host, "bruno", "Bruno").Says($"réserver {full}");

        await using var scope = _host.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ISessionDirectory>();
        var now = _host.Clock.GetCurrentInstant();
        var listed = await directory.UpcomingWithOpenSeatsAsync(now, Instant.FromUtc(2027, 1, 1, 0, 0), default);
        var summary = Assert.Single(listed);
        Assert.Equal((open, "Ouverte", 8, 8, "Fanny", "Europe/Paris"), (summary.SessionId, summary.Title, summary.SeatsLeft, summary.Capacity, summary.FacilitatorName, summary.FacilitatorZone.Id));
        Assert.Equal(2, (await directory.UpcomingWithOpenSeatsAsync(now, Instant.FromUtc(2027, 3, 1, 0, 0), default)).Count);
        _ = later;

        var value = directory.BookingChoiceValue(open, "digest:2026-12");
        Assert.Equal($"réserver {open} via digest:2026-12", value);
        Assert.Throws<ArgumentException>(() => directory.BookingChoiceValue(open, "digest 2026 <script>"));
        var alice = new TestChat(_host, "alice", "Alice");
        (await alice.ClicksValue(value, "digest-card")).Answers("votre place est réservée");
        (await alice.ClicksValue(value, "digest-card")).Answers("déjà une place");
        await new TestChat(_host, "carol", "Carol").Says($"réserver {open}");
        Assert.Equal(1, await directory.CountBookingsFromAsync("digest:2026-12", now, default));
        Assert.Equal(0, await directory.CountBookingsFromAsync("digest:2026-12", now + Duration.FromMinutes(1), default));
    }

    [Fact]
    public async Task Mes_donnees_holds_the_bookings_and_erasure_frees_the_seat_for_the_waitlist()
    {
        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var id = await facilitator.CreateSessionAsync(_host, more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "1" });
        var alice = new TestChat(_host, "alice", "Alice");
        var bruno = new TestChat(_host, "bruno", "Bruno");
        await alice.Says($"être client {id} : Notre tiers-lieu peine à fidéliser ses bénévoles.");
        await alice.Says("mon organisation La Ruche");
        await bruno.Says($"réserver {id}");

        var export = await alice.Says("mes données");
        export.Answers("sessions");
        var json = await _host.DbAsync(async db => System.Text.Encoding.UTF8.GetString((await db.Set<Communaute.Bot.Dialogs.MediaFile>().OrderByDescending(m => m.CreatedAt).FirstAsync()).Content));
        Assert.Contains("fidéliser ses bénévoles", json);
        Assert.Contains("La Ruche", json);

        await alice.Says("supprimer mes données");
        (await alice.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");
        Assert.Contains("Une place s'est libérée", _host.Sent().TextTo("conv-bruno"));
        var rows = await _host.BookingsAsync(id);
        Assert.Equal(BookingStatus.Offered, Assert.Single(rows).Status);
        Assert.Equal(0, await _host.DbAsync(db => db.Set<SessionProfile>().CountAsync(p => p.Organisation == "La Ruche")));
        Assert.Equal(0, await _host.DbAsync(db => db.Set<Booking>().CountAsync(b => b.Problem != null)));
        var session = await _host.SessionAsync(id);
        Assert.Equal((1, 0), (session.Taken, session.ClientsTaken));
        Assert.DoesNotContain(await _host.DbAsync(db => db.Set<SessionAgendaItem>().Select(i => i.BookingId).ToListAsync()), b => b != null && b != rows[0].Id);
    }
}
