namespace Communaute.Bot.Security;

/// <summary>The "Security" configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Key of the HMAC that signs links to personal files (base64, 32 bytes or more). Empty: a key generated once and kept in the database.</summary>
    public string LinkSigningKey { get; set; } = "";

    /// <summary>How long a link to a chart or an export works.</summary>
    public TimeSpan MediaLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the link of "mes données" works.</summary>
    public TimeSpan DataExportLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Reverse proxies whose X-Forwarded-For/-Proto/-Host are trusted (IP addresses, comma-separated); loopback always is.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Networks of trusted proxies, CIDR, comma-separated ("10.0.0.0/8").</summary>
    public string KnownNetworks { get; set; } = "";

    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>Per-client limits on the public endpoints (a client is an IP address, after trusted proxies).</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Web chat API: requests per minute per client, and the burst allowed.</summary>
    public int WebChatPerMinute { get; set; } = 120;
    public int WebChatBurst { get; set; } = 40;

    /// <summary>
    /// New chat page visitors (sessions) per hour per client, and the burst: creating a visitor stores a member, a
    /// conversation and a welcome, so it is limited on its own, well below the API's rate.
    /// </summary>
    public int WebChatSessionsPerHour { get; set; } = 30;
    public int WebChatSessionsBurst { get; set; } = 10;

    /// <summary>Files (/media, calendar files) and the page: requests per minute per client, and the burst.</summary>
    public int FilesPerMinute { get; set; } = 600;
    public int FilesBurst { get; set; } = 200;

    /// <summary>
    /// Teams and Slack: their traffic comes from few addresses, and authentication (JWT, signature) already turns
    /// strangers away, so the limit is on requests in progress per client rather than a rate.
    /// </summary>
    public int ChannelConcurrentPerClient { get; set; } = 256;

    /// <summary>Teams without authentication (development): requests per minute per client.</summary>
    public int UnauthenticatedTeamsPerMinute { get; set; } = 600;
}
