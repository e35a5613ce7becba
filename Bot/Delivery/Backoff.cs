using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>When to try again: the platform's Retry-After when it gave one, else exponential backoff with jitter.</summary>
public static class Backoff
{
    public static Duration Next(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } after && after > TimeSpan.Zero)
            return Duration.FromTimeSpan(after < maxDelay ? after : maxDelay);
        if (baseDelay <= TimeSpan.Zero) return Duration.Zero;
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        // Full jitter on the upper half: spreads retries of many messages without ever retrying at once.
        var jittered = capped / 2 + Random.Shared.NextDouble() * capped / 2;
        return Duration.FromMilliseconds(jittered);
    }
}
