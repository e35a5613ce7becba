namespace Communaute.Bot.Pipeline;

public sealed class CommunityOptions
{
    public string Name { get; set; } = "Communauté émergence & accélération";

    /// <summary>
    /// Facilitators of the whole deployment, comma-separated "channel:userId" ("msteams:29:1abc,slack:U0123").
    /// Read by <see cref="Security.RoleAssignments"/> (never merged by index across sources); wildcards
    /// ("webchat:*") only in the Development environment.
    /// </summary>
    public string Facilitators { get; set; } = "";

    /// <summary>Curators of the whole deployment, same form.</summary>
    public string Curators { get; set; } = "";

    /// <summary>
    /// Optional: several communities served by one deployment, by key. Each lists its <c>Channels</c>
    /// ("msteams:tenant:{id}", "slack:workspace:{id}", "{channel}:conversation:{id}", "webchat") and its own
    /// <c>Facilitators</c> and <c>Curators</c>, who see only the members seen in those channels.
    /// </summary>
    public Dictionary<string, CommunityScopeOptions> Communities { get; set; } = [];

    public string DefaultTimeZone { get; set; } = "Europe/Paris";

    /// <summary>
    /// Public base URL of the bot (images, downloads, calendar files), e.g. https://bot.example.org. Required with Teams
    /// or Slack. Empty: links follow the request being answered (X-Forwarded-* honoured from known proxies), and are
    /// relative on the web chat page.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}

/// <summary>One community of a deployment serving several (documentation of the shape; read by RoleAssignments).</summary>
public sealed class CommunityScopeOptions
{
    public string Channels { get; set; } = "";
    public string Facilitators { get; set; } = "";
    public string Curators { get; set; } = "";
}
