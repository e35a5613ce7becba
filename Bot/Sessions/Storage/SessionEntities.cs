using NodaTime;

namespace Communaute.Bot.Sessions.Storage;

public enum SessionStatus { Open, Cancelled }

/// <summary>One co-development session: when, where, how many seats, and the seat counters the database guards.</summary>
public sealed class CoDevSession
{
    public long Id { get; set; }
    public long? SeriesId { get; set; }
    public required string Title { get; set; }
    public string? Theme { get; set; }
    public Instant Start { get; set; }
    public int DurationMinutes { get; set; }

    /// <summary>A place or a video link.</summary>
    public string? Place { get; set; }
    public int CapacityMin { get; set; }
    public int CapacityMax { get; set; }
    public int ClientSlots { get; set; }
    public long? FacilitatorMemberId { get; set; }
    public string? FacilitatorName { get; set; }
    public string? Organisation { get; set; }

    /// <summary>Bookings close this many hours before the start.</summary>
    public int BookingClosesHours { get; set; }

    /// <summary>Members may cancel until this many hours before the start.</summary>
    public int CancellationClosesHours { get; set; }

    /// <summary>The zone the facilitator wrote the time in (the session's "heure de Paris").</summary>
    public required string ZoneId { get; set; }

    /// <summary>Reminder offsets, e.g. "J-2,H-1".</summary>
    public string Reminders { get; set; } = "J-2,H-1";
    public SessionStatus Status { get; set; }

    /// <summary>Seats held: confirmed bookings plus seats offered to the waitlist. Never above <see cref="CapacityMax"/>.</summary>
    public int Taken { get; set; }

    /// <summary>Confirmed or offered bookings as client. Never above <see cref="ClientSlots"/>.</summary>
    public int ClientsTaken { get; set; }

    /// <summary>Incremented at every change of the seats (names the updates of the cards posted in channels).</summary>
    public int SeatsVersion { get; set; }

    /// <summary>Incremented when the session moves (names re-planned reminders).</summary>
    public int ScheduleVersion { get; set; }

    /// <summary>The step of the method the running session is at: 0 before the start, 1–6, 7 when finished.</summary>
    public int GuideStep { get; set; }

    /// <summary>Where the session is run (a channel or group chat), if the facilitator chose one; else each 1:1.</summary>
    public long? ConversationId { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? CancelledAt { get; set; }

    public Instant End => Start + Duration.FromMinutes(DurationMinutes);
    public Instant BookingDeadline => Start - Duration.FromHours(BookingClosesHours);
    public Instant CancellationDeadline => Start - Duration.FromHours(CancellationClosesHours);
    public int SeatsLeft => Math.Max(0, CapacityMax - Taken);
}

/// <summary>A monthly series ("le 2e jeudi de chaque mois à 14h"): its rule and the phrase it was typed as.</summary>
public sealed class SessionSeries
{
    public long Id { get; set; }
    public required string Phrase { get; set; }

    /// <summary>1–4 for "1er"…"4e", -1 for "dernier".</summary>
    public int Ordinal { get; set; }
    public IsoDayOfWeek Day { get; set; }
    public int MinuteOfDay { get; set; }
    public required string ZoneId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
    public int? Count { get; set; }
    public required string Title { get; set; }
    public long? FacilitatorMemberId { get; set; }
    public SessionStatus Status { get; set; }
    public Instant CreatedAt { get; set; }
}

public enum BookingRole { Consultant, Client }

public enum BookingStatus { Confirmed, Offered, Waitlisted, Cancelled }

/// <summary>
/// A member's place in a session: one row per (session, member), revived when they book again after cancelling,
/// so the calendar UID stays the same and its SEQUENCE keeps increasing.
/// </summary>
public sealed class Booking
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public long MemberId { get; set; }
    public BookingRole Role { get; set; }
    public BookingStatus Status { get; set; }

    /// <summary>The problem a client brings.</summary>
    public string? Problem { get; set; }

    /// <summary>Where the booking came from ("digest:2026-12"), when not typed in a conversation.</summary>
    public string? Source { get; set; }

    /// <summary>When the member last booked (or joined the waitlist).</summary>
    public Instant BookedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>Order on the waitlist (earliest first).</summary>
    public Instant? WaitlistedAt { get; set; }
    public Instant? OfferExpiresAt { get; set; }
    public int OfferCount { get; set; }

    /// <summary>The invite's SEQUENCE: starts at 0, incremented at every significant change.</summary>
    public int CalendarSequence { get; set; }
    public bool? Attended { get; set; }
    public string? ActionPlan { get; set; }
    public int? Feedback { get; set; }
    public string? CancelReason { get; set; }
}

public enum OfferOutcome { Pending, Accepted, Declined, Expired, Withdrawn }

/// <summary>A freed seat offered to the first on the waitlist, with its deadline and outcome (the waitlist's log).</summary>
public sealed class WaitlistOffer
{
    public long Id { get; set; }
    public long BookingId { get; set; }
    public long SessionId { get; set; }
    public long MemberId { get; set; }
    public int OfferNo { get; set; }

    /// <summary>The member's position on the waitlist when the seat was offered.</summary>
    public int Position { get; set; }
    public Instant OfferedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public OfferOutcome Outcome { get; set; }
    public Instant? DecidedAt { get; set; }
}

public enum AgendaKind { Reminder, OfferExpiry, FacilitatorSummary, GuideStart, FollowUp }

/// <summary>Something the sessions capability must do at an instant (reminders, offer expiries…), done once.</summary>
public sealed class SessionAgendaItem
{
    public long Id { get; set; }
    public AgendaKind Kind { get; set; }
    public long SessionId { get; set; }
    public long? BookingId { get; set; }
    public long? OfferId { get; set; }

    /// <summary>"J-2", "H-1"… for reminders.</summary>
    public string? Label { get; set; }
    public Instant DueAt { get; set; }
    public Instant? DoneAt { get; set; }

    /// <summary>Unique; also the idempotency key (or its prefix) of what it sends.</summary>
    public required string Key { get; set; }
}

/// <summary>A session card the bot posted in a channel, updated when the seats change.</summary>
public sealed class SessionPost
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public long ConversationId { get; set; }

    /// <summary>The idempotency key the card was sent with (what the outbox updates it by).</summary>
    public required string SentKey { get; set; }
    public Instant PostedAt { get; set; }
}

/// <summary>Two members who took part in the same session (the pair history groups avoid repeating). A &lt; B.</summary>
public sealed class PairMeeting
{
    public long Id { get; set; }
    public long MemberA { get; set; }
    public long MemberB { get; set; }
    public long SessionId { get; set; }
    public Instant MetAt { get; set; }
}

/// <summary>What the sessions need to know of a member beyond the core record: organisation, region, pause.</summary>
public sealed class SessionProfile
{
    public long MemberId { get; set; }
    public string? Organisation { get; set; }
    public string? Region { get; set; }
    public Instant? PausedUntil { get; set; }

    /// <summary>Bumped by every booking change of the member: serialises them (no double booking at overlapping times).</summary>
    public long LockVersion { get; set; }
    public Instant UpdatedAt { get; set; }
}
