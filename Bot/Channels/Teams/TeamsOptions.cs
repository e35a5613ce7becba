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

    /// <summary>
    /// Hosts an activity's serviceUrl may name when authentication is on: the bot only ever calls these ("*." matches
    /// any subdomain). Without authentication, only loopback addresses and <see cref="DevelopmentServiceUrlHosts"/>.
    /// </summary>
    public string[] ServiceUrlHosts { get; set; } = ["*.botframework.com", "smba.trafficmanager.net"];

    /// <summary>Hosts accepted besides loopback when authentication is off (a tunnel, another machine of the developer).</summary>
    public string[] DevelopmentServiceUrlHosts { get; set; } = [];

    /// <summary>Largest inbound activity accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Time allowed for one call to the Bot Connector.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Teams accepts about 7 messages a second in one conversation: at least this long between two.</summary>
    public TimeSpan MinIntervalPerConversation { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>And at most this many in 30 seconds.</summary>
    public int MaxMessagesPer30Seconds { get; set; } = 60;

    /// <summary>
    /// After an attempt whose outcome is unknown (timeout, 502/504, crash mid-call), send again (true: a rare duplicate
    /// is possible) or park the message for a facilitator to check (false: a rare loss is possible). The Bot Connector
    /// has no idempotency key and bots cannot list a conversation's messages, so one of the two must be chosen.
    /// </summary>
    public bool ResendAfterUncertainAttempt { get; set; } = true;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);
}
