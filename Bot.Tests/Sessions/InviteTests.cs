using System.Net;
using System.Text.RegularExpressions;
using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>The .ics of each participant, parsed back with Ical.Net, and the signed link that serves it.</summary>
public sealed partial class InviteTests
{
    private static InviteData Invite(string zone, Instant start, int sequence = 0, bool cancelled = false, long member = 7) =>
        new(42, member, "Co-développement", "Vous participez comme consultant.", "https://visio.example.org", start, start + Duration.FromHours(2),
            sequence, cancelled, DateTimeZoneProviders.Tzdb[zone], "Communauté", "sessions@communaute.invalid", "communaute-ess", Instant.FromUtc(2026, 11, 23, 9, 0));

    private static Ical.Net.CalendarComponents.CalendarEvent Event(string ics, out IcalCalendar calendar)
    {
        calendar = IcalCalendar.Load(ics)!;
        return Assert.Single(calendar.Events);
    }

    [Theory]
    [InlineData("Europe/Paris", 2027, 3, 25, 14, 0)]   // before the change to summer time (UTC+1)
    [InlineData("Europe/Paris", 2027, 4, 8, 14, 0)]    // after (UTC+2)
    [InlineData("Indian/Reunion", 2027, 3, 25, 17, 0)]
    [InlineData("Pacific/Noumea", 2027, 3, 26, 0, 0)]
    [InlineData("Pacific/Tahiti", 2027, 3, 25, 3, 0)]
    public void The_invite_is_in_the_members_zone_and_points_at_the_right_instant(string zone, int y, int mo, int d, int h, int mi)
    {
        // 14h00 Paris on 25 March 2027 (winter time) = 13:00 UTC; on 8 April (summer time) = 12:00 UTC.
        var start = new LocalDateTime(y, mo, d, h, mi).InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();
        var expectedUtc = mo == 4 ? Instant.FromUtc(2027, 4, 8, 12, 0) : Instant.FromUtc(2027, 3, 25, 13, 0);
        Assert.Equal(expectedUtc, start);
        var ics = InviteBuilder.Build(Invite(zone, start));
        var ev = Event(ics, out var calendar);
        Assert.Equal(zone, ev.DtStart!.TzId);
        Assert.Equal(new DateTime(y, mo, d, h, mi, 0), ev.DtStart.Value);
        Assert.Equal(expectedUtc.ToDateTimeUtc(), ev.DtStart.AsUtc);
        Assert.Equal((expectedUtc + Duration.FromHours(2)).ToDateTimeUtc(), ev.DtEnd!.AsUtc);
        Assert.Contains(calendar.TimeZones, t => t.TzId == zone);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("CONFIRMED", ev.Status);
    }

    [Fact]
    public void The_uid_is_stable_the_sequence_is_the_stored_one_and_a_cancellation_says_so()
    {
        var start = Instant.FromUtc(2027, 3, 11, 13, 0);
        var first = Event(InviteBuilder.Build(Invite("Europe/Paris", start)), out _);
        var moved = Event(InviteBuilder.Build(Invite("Europe/Paris", start + Duration.FromDays(7), sequence: 1)), out _);
        var cancel = Event(InviteBuilder.Build(Invite("Europe/Paris", start + Duration.FromDays(7), sequence: 2, cancelled: true)), out var cancelCalendar);
        var other = Event(InviteBuilder.Build(Invite("Europe/Paris", start, member: 8)), out _);
        Assert.Equal(first.Uid, moved.Uid);
        Assert.Equal(first.Uid, cancel.Uid);
        Assert.NotEqual(first.Uid, other.Uid);
        Assert.Equal([0, 1, 2], new[] { first.Sequence, moved.Sequence, cancel.Sequence });
        Assert.Equal("CANCEL", cancelCalendar.Method);
        Assert.Equal("CANCELLED", cancel.Status);
    }

    [Theory]
    [InlineData(false, "REQUEST")]
    [InlineData(true, "CANCEL")]
    public void Point14_the_invite_names_the_organizer_and_its_recipient_only_as_attendee(bool cancelled, string method)
    {
        var ics = InviteBuilder.Build(Invite("Europe/Paris", Instant.FromUtc(2027, 3, 11, 13, 0), cancelled: cancelled) with { AttendeeName = "Alice" });
        var ev = Event(ics, out var calendar);
        Assert.Equal(method, calendar.Method);
        Assert.Equal("mailto:sessions@communaute.invalid", ev.Organizer!.Value!.ToString());
        Assert.Equal("Communauté", ev.Organizer.CommonName);
        var attendee = Assert.Single(ev.Attendees);
        Assert.Equal("mailto:participant-7@communaute-ess", attendee.Value!.ToString());
        Assert.Equal(("Alice", "ACCEPTED", false), (attendee.CommonName, attendee.ParticipationStatus, attendee.Rsvp));
    }

    [Fact]
    public async Task The_bot_serves_each_invite_at_a_signed_expiring_link_and_updates_it_when_the_session_moves()
    {
        await using var host = await SessionsHost.StartAsync(listen: true);
        var http = host.CreateClient();
        var facilitator = new TestChat(host, "facilitator", "Fanny");
        var id = await facilitator.CreateSessionAsync(host, date: "10/12/2026", time: "14h00");
        var alice = new TestChat(host, "alice", "Alice", timeZone: "Pacific/Tahiti");
        var bruno = new TestChat(host, "bruno", "Bruno Secret");
        await bruno.Says($"réserver {id}");
        var booked = await alice.Says($"réserver {id}");

        var link = LinkIn(booked.Text);
        var local = TestLinks.Of(link).PathAndQuery;
        var response = await http.GetAsync(local);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/calendar", response.Content.Headers.ContentType!.ToString());
        var ics = await response.Content.ReadAsStringAsync();
        var ev = Event(ics, out var calendar);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(0, ev.Sequence);
        Assert.Equal("Pacific/Tahiti", ev.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 12, 10, 3, 0, 0), ev.DtStart.Value);
        Assert.DoesNotContain("Bruno", ics);
        Assert.Equal(("Alice", "ACCEPTED"), (Assert.Single(ev.Attendees).CommonName, ev.Attendees[0].ParticipationStatus));
        Assert.NotNull(ev.Organizer);

        // Someone else's booking number with this signature, a changed expiry, an expired link: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(Regex.Replace(local, @"/\d+\.ics", "/1.ics"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(Regex.Replace(local, @"e=\d+", "e=9999999999"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/sessions/calendrier/abc.ics?e=x&s=y")).StatusCode);
        // A link the bot signed for another file (a chart, an export) does not open an invite.
        var other = host.Services.GetRequiredService<Communaute.Bot.Security.SignedLinks>().Create("/media/chart.png", Duration.FromDays(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(Regex.Replace(local, @"\?.*", TestLinks.Of(other).Query))).StatusCode);

        // The facilitator moves the session: Alice is told, and her invite keeps its UID with a higher SEQUENCE.
        await facilitator.Says($"déplacer la session {id} au 17/12/2026 15h");
        var told = host.Sent().TextTo("conv-alice");
        Assert.Contains("nouvelle date", told);
        var movedLink = LinkIn(told);
        var moved = Event(await http.GetStringAsync(TestLinks.Of(movedLink).PathAndQuery), out _);
        Assert.Equal(ev.Uid, moved.Uid);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(Instant.FromUtc(2026, 12, 17, 14, 0).ToDateTimeUtc(), moved.DtStart!.AsUtc);

        // She cancels: the same link now gives a CANCEL with a higher SEQUENCE, for her only.
        await alice.Says($"annuler la réservation {id}");
        var cancelled = Event(await http.GetStringAsync(TestLinks.Of(movedLink).PathAndQuery), out var cancelCalendar);
        Assert.Equal("CANCEL", cancelCalendar.Method);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(2, cancelled.Sequence);
        var brunoLink = LinkIn((await bruno.Says($"calendrier {id}")).Text);
        var brunoEvent = Event(await http.GetStringAsync(TestLinks.Of(brunoLink).PathAndQuery), out var brunoCalendar);
        Assert.Equal(("REQUEST", "CONFIRMED", 1), (brunoCalendar.Method, brunoEvent.Status, brunoEvent.Sequence));

        host.Clock.Advance(TimeSpan.FromDays(61));
        Assert.Equal(HttpStatusCode.Gone, (await http.GetAsync(local)).StatusCode);
    }

    private static string LinkIn(string text) =>
        IcsLink().Matches(text).Select(m => m.Value).LastOrDefault() ?? throw new InvalidOperationException("pas de lien .ics dans :\n" + text);

    [GeneratedRegex(@"(?:https?://[^\s/]+)?/sessions/calendrier/\d+\.ics\?e=\d+&s=[A-Za-z0-9_\-]+")]
    private static partial Regex IcsLink();
}
