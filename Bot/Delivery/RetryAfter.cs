namespace Communaute.Bot.Delivery;

/// <summary>A platform's Retry-After header (seconds, or a date read against the bot's clock).</summary>
public static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }
}
