namespace Communaute.Bot.Channels.Teams;

/// <summary>The "Teams" configuration section: the Azure Bot's identity and the Bot Framework endpoints.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The Azure Bot's Microsoft App ID. Empty: authentication is off (local development, Agents Playground).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app's client secret (user secrets or environment, never committed).</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>Tenant of a single-tenant bot; "botframework.com" for a multi-tenant one.</summary>
    public string TenantId { get; set; } = "botframework.com";

    /// <summary>Where the Bot Connector service publishes its signing keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuers accepted on inbound tokens.</summary>
    public string[] ValidIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>Token authority; empty means https://login.microsoftonline.com/{TenantId}.</summary>
    public string Authority { get; set; } = "";

    public string Scope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Largest inbound activity accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Time allowed for one call to the Bot Connector.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a failed call (429, 412, 5xx, timeout).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay when the connector gives no Retry-After; doubles with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After honoured; beyond it the send gives up (the message would be stale).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);
}
