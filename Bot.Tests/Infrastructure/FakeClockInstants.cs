using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Communaute.Bot.Tests.Infrastructure;

public static class FakeClockInstants
{
    /// <summary>Puts the clock at this instant, forwards or back (a test that sets the scene at a date).</summary>
    public static void Reset(this FakeTimeProvider clock, Instant at) => clock.AdjustTime(at.ToDateTimeOffset());
}
