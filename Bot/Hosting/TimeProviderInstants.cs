using NodaTime;

// In the root namespace so that every part of the bot (and its tests) reads the one clock the same way.
namespace Communaute.Bot;

/// <summary>
/// The bot's one clock is the injected <see cref="TimeProvider"/>; NodaTime is for zones and calendar arithmetic,
/// so a class that reasons in <see cref="Instant"/>s reads "now" through this.
/// </summary>
public static class TimeProviderInstants
{
    public static Instant GetCurrentInstant(this TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow());
}
