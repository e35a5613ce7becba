namespace Communaute.Bot.WebChat;

/// <summary>The local chat page (section "WebChat"): a development and try-out surface.</summary>
public sealed class WebChatOptions
{
    /// <summary>Serve the page and its API. Unset: only in the Development environment.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Other origins (scheme://host:port) allowed to post to the API, e.g. the public address behind a proxy.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>A visitor unseen for this long starts a new conversation.</summary>
    public int SessionDays { get; set; } = 30;

    /// <summary>Messages shown when the page opens (the most recent ones).</summary>
    public int HistoryLength { get; set; } = 200;
}
