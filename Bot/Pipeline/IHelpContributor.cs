namespace Communaute.Bot.Pipeline;

/// <summary>A line of the help card: what to type, and what it does.</summary>
public sealed record HelpLine(string Command, string Description, int Order = 500);

/// <summary>Features list what they offer so "aide" always tells the truth.</summary>
public interface IHelpContributor
{
    IEnumerable<HelpLine> HelpLines { get; }
}
