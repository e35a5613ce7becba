using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Communaute.Bot.Sessions.Calendar;

/// <summary>What one participant's invite says. Nothing about the other participants.</summary>
public sealed record InviteData(
    long SessionId,
    long MemberId,
    string Title,
    string? Description,
    string? Place,
    Instant Start,
    Instant End,
    int Sequence,
    bool Cancelled,
    DateTimeZone MemberZone,
    string OrganizerName,
    string OrganizerEmail,
    string UidDomain,
    Instant Stamp,
    string? AttendeeName = null);

/// <summary>
/// One .ics per participant and session (RFC 5545/5546): the same UID for the same (session, participant), the
/// stored SEQUENCE, METHOD:REQUEST for an invite or an update, METHOD:CANCEL with STATUS:CANCELLED when the session
/// or the participant's place is cancelled; times in the participant's zone with its VTIMEZONE. As RFC 5546 asks of
/// REQUEST and CANCEL: the community as ORGANIZER and the recipient — only them, never the other participants — as
/// ATTENDEE, PARTSTAT=ACCEPTED (they booked in the chat) and RSVP=FALSE (no reply is read). Why not PUBLISH: docs/sessions.md.
/// </summary>
public static class InviteBuilder
{
    public static string Uid(long sessionId, long memberId, string domain) => $"session-{sessionId}-participant-{memberId}@{domain}";

    /// <summary>The recipient's calendar address: members are known by their chat account, not by an email address.</summary>
    public static string AttendeeAddress(long memberId, string domain) => $"mailto:participant-{memberId}@{domain}";

    public static string Build(InviteData d)
    {
        var zone = d.MemberZone.Id;
        var calendar = new Ical.Net.Calendar
        {
            ProductId = "-//Communaute emergence et acceleration//Sessions//FR",
            Method = d.Cancelled ? "CANCEL" : "REQUEST",
        };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, d.Start.ToDateTimeUtc().AddYears(-1), includeHistoricalData: false));
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(d.SessionId, d.MemberId, d.UidDomain),
            Sequence = d.Sequence,
            Summary = d.Title,
            Description = d.Description,
            Location = d.Place,
            DtStamp = new CalDateTime(d.Stamp.ToDateTimeUtc(), "UTC", true),
            DtStart = Local(d.Start, d.MemberZone),
            DtEnd = Local(d.End, d.MemberZone),
            Status = d.Cancelled ? "CANCELLED" : "CONFIRMED",
            Transparency = "OPAQUE",
            Organizer = new Organizer("mailto:" + d.OrganizerEmail) { CommonName = d.OrganizerName },
        };
        calendarEvent.Attendees.Add(new Attendee(AttendeeAddress(d.MemberId, d.UidDomain))
        {
            CommonName = string.IsNullOrWhiteSpace(d.AttendeeName) ? null : d.AttendeeName,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "ACCEPTED",
            Rsvp = false,
        });
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Local(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone.Id);
    }
}
