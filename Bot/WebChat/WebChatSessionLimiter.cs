using System.Threading.RateLimiting;
using Communaute.Bot.Security;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.WebChat;

/// <summary>
/// How many new visitors one client (IP address, or IPv6 /64) may create: a token bucket per client
/// (<c>Security:RateLimits:WebChatSessionsPerHour</c>, <c>…WebChatSessionsBurst</c>), apart from the API's request rate.
/// </summary>
public sealed class WebChatSessionLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly bool _enabled;

    public WebChatSessionLimiter(IOptions<SecurityOptions> options)
    {
        var limits = options.Value.RateLimits;
        _enabled = limits.Enabled;
        var perHour = Math.Max(1, limits.WebChatSessionsPerHour);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.WebChatSessionsBurst),
            // One token back every 3600/perHour seconds.
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(3600.0 / perHour),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>True when the client may create a visitor now; otherwise the time to wait.</summary>
    public bool TryAcquire(HttpContext http, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_enabled) return true;
        using var lease = _limiter.AttemptAcquire(RateLimits.Client(http.Connection.RemoteIpAddress));
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
