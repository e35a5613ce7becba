using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Communaute.Bot.Channels.Teams;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Security;

/// <summary>
/// Per-client limits on every endpoint (ASP.NET Core's rate limiter, one global partitioned limiter): a client is an
/// IP address as seen after trusted proxies (an IPv6 client by its /64). The web chat API and files get token buckets;
/// Teams and Slack — few source addresses, already authenticated — get a bound on requests in progress, generous
/// enough for a platform's bursts; Teams without authentication (development) gets a token bucket too.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddBotRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>, IOptions<TeamsOptions>>((o, security, teams) =>
        {
            var limits = security.Value.RateLimits;
            var teamsAuthenticated = teams.Value.AuthenticationEnabled;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<RejectionLog>().Record("Limite de débit",
                    $"trop de requêtes sur {Kind(http.Request.Path)} (429)", http.Connection.RemoteIpAddress);
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync("{\"error\":\"Trop de requêtes : réessayez dans un moment.\"}", ct);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var kind = Kind(http.Request.Path);
                var client = Client(http.Connection.RemoteIpAddress);
                return kind switch
                {
                    "health" => RateLimitPartition.GetNoLimiter(kind),
                    "teams" when !teamsAuthenticated => Bucket($"{kind}|{client}", limits.UnauthenticatedTeamsPerMinute, limits.UnauthenticatedTeamsPerMinute / 4),
                    "teams" or "slack" => RateLimitPartition.GetConcurrencyLimiter($"channels|{client}", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = Math.Max(1, limits.ChannelConcurrentPerClient),
                        QueueLimit = Math.Max(0, limits.ChannelConcurrentPerClient),
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }),
                    "webchat" => Bucket($"{kind}|{client}", limits.WebChatPerMinute, limits.WebChatBurst),
                    _ => Bucket($"files|{client}", limits.FilesPerMinute, limits.FilesBurst),
                };
            });
        });
        return services;
    }

    private static RateLimitPartition<string> Bucket(string key, int perMinute, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>Which family of endpoints a path belongs to.</summary>
    public static string Kind(PathString path) =>
        path.StartsWithSegments("/api/messages") ? "teams"
        : path.StartsWithSegments("/slack") ? "slack"
        : path.StartsWithSegments("/api/webchat") ? "webchat"
        : path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics") ? "health"
        : "files";

    /// <summary>The partition of a client: its IPv4 address, or its IPv6 /64 (one subscriber's whole range).</summary>
    public static string Client(IPAddress? address)
    {
        if (address is null) return "?";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
