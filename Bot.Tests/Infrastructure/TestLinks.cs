namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>A link of a reply as a reader follows it: replies carry the bot's own links root-relative.</summary>
public static class TestLinks
{
    private static readonly Uri Bot = new("http://bot.test");

    public static Uri Of(string url) => new(Bot, url);
}
