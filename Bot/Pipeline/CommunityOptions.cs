namespace Communaute.Bot.Pipeline;

public sealed class CommunityOptions
{
    public string Name { get; set; } = "Communauté émergence & accélération";

    /// <summary>Members given the facilitator role: "channel:userId" ("msteams:29:1abc", "slack:U0123", "webchat:*").</summary>
    public List<string> Facilitators { get; set; } = [];

    /// <summary>Members given the curator role, same form.</summary>
    public List<string> Curators { get; set; } = [];

    public string DefaultTimeZone { get; set; } = "Europe/Paris";

    /// <summary>Public base URL of the bot (images, calendar files), e.g. https://bot.example.org. Empty: http://localhost:3978.</summary>
    public string PublicBaseUrl { get; set; } = "";
}
