namespace Communaute.Bot.Operations;

/// <summary>The "Operations" configuration section: where the metrics are served.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// A port of its own for /metrics (bound on <see cref="MetricsHost"/>); /metrics is then served there only.
    /// 0: /metrics on the bot's port, to loopback clients only (not through a reverse proxy).
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>Address the metrics port listens on (loopback unless the scraper is elsewhere and a firewall guards it).</summary>
    public string MetricsHost { get; set; } = "127.0.0.1";
}
