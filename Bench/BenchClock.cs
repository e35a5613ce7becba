using NodaTime;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>A benchmark's own clock, moved by hand (registered as the bot's <see cref="TimeProvider"/>).</summary>
public sealed class BenchClock(Instant start) : TimeProvider
{
    public Instant Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now.ToDateTimeOffset();
}
