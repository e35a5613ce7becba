using NodaTime;

namespace Communaute.Bot.Sessions.Calendar;

/// <summary>
/// A link to one participant's .ics, that only works for a while and cannot be forged or pointed at another booking.
/// The sessions capability's own, simple implementation (<see cref="HmacCalendarLinks"/>) is meant to be replaced by
/// the shared signed-link service of the security work when both are merged.
/// </summary>
public interface ICalendarLinks
{
    /// <summary>The absolute URL of the booking's invite, valid from <paramref name="now"/> for the configured time.</summary>
    Task<string> LinkAsync(long bookingId, Instant now, CancellationToken ct);

    /// <summary>The booking a link's parameters point to, when the signature is right and the link has not expired.</summary>
    Task<CalendarLinkCheck> CheckAsync(long bookingId, long expiresUnixSeconds, string signature, Instant now, CancellationToken ct);
}

public enum CalendarLinkCheck { Valid, Invalid, Expired }
