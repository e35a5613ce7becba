using Communaute.Dialogs.Conversation;
using NodaTime;

namespace Communaute.Bot.Sessions;

/// <summary>An upcoming co-development session with seats left, as the monthly digest lists it.</summary>
public sealed record OpenSessionSummary(
    long SessionId,
    string Title,
    string? Theme,
    Instant Start,
    Duration Duration,
    DateTimeZone FacilitatorZone,
    int SeatsLeft,
    int Capacity,
    string? FacilitatorName);

/// <summary>What other capabilities (the digest) may ask of the sessions capability.</summary>
public interface ISessionDirectory
{
    /// <summary>Sessions starting in [from, to) that are open for booking and have seats left, soonest first.</summary>
    Task<IReadOnlyList<OpenSessionSummary>> UpcomingWithOpenSeatsAsync(Instant from, Instant to, CancellationToken ct);

    /// <summary>
    /// The text a "Réserver" button sends to book the member on the session as a consultant (the sessions feature
    /// handles it like the same words typed). <paramref name="source"/> (e.g. "digest:42") is recorded with the booking.
    /// </summary>
    string BookingChoiceValue(long sessionId, string? source = null);

    /// <summary>Bookings made since <paramref name="since"/> whose recorded source is <paramref name="source"/>.</summary>
    Task<int> CountBookingsFromAsync(string source, Instant since, CancellationToken ct);
}
