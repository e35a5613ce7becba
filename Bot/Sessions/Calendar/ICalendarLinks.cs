namespace Communaute.Bot.Sessions.Calendar;

/// <summary>
/// A link to one participant's .ics, that only works for a while and cannot be forged or pointed at another booking.
/// </summary>
public interface ICalendarLinks
{
    /// <summary>The URL of the booking's invite, valid from now for the configured time.</summary>
    string Link(long bookingId);

    /// <summary>Whether a request for <paramref name="path"/> carries a right, unexpired signature.</summary>
    CalendarLinkCheck Check(string path, string? expires, string? signature);
}

public enum CalendarLinkCheck { Valid, Invalid, Expired }
