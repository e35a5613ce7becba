namespace Communaute.Bot.Channels.Slack;

/// <summary>The "Slack" configuration section. Secrets come from user secrets or environment variables, never the repo.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Signs every request Slack sends to the HTTP endpoints. Empty: the endpoints answer 503.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Bot token (xoxb-…) for the Web API.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>App-level token (xapp-…) with connections:write, for Socket Mode.</summary>
    public string AppToken { get; set; } = "";

    /// <summary>Receive events over a WebSocket instead of public HTTP endpoints.</summary>
    public bool SocketMode { get; set; }

    /// <summary>Base URL of the Web API (tests point it at a fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>The bot's own user id (U…), when known: its messages are ignored. Also learnt from events' authorizations.</summary>
    public string BotUserId { get; set; } = "";

    /// <summary>Minimum time between two messages to the same channel (Slack allows about one per second).</summary>
    public int MinIntervalPerChannelMs { get; set; } = 1000;

    /// <summary>
    /// The only addresses a response_url may start with; any other is never called (the answer goes through
    /// chat.postMessage / chat.postEphemeral instead). Tests point it at their fake.
    /// </summary>
    public string[] ResponseUrlPrefixes { get; set; } = ["https://hooks.slack.com/"];

    /// <summary>Time allowed for one Web API call.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsAllowedResponseUrl(string? url) =>
        url is { Length: > 0 and <= 2000 } && ResponseUrlPrefixes.Any(p => url.StartsWith(p, StringComparison.Ordinal))
        && Uri.TryCreate(url, UriKind.Absolute, out _);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken) || !string.IsNullOrWhiteSpace(SigningSecret) || SocketMode;
}
