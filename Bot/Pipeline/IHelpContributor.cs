namespace Communaute.Bot.Pipeline;

/// <summary>A line of the help card: what to type, and what it does.</summary>
public sealed record HelpLine(string Command, string Description, int Order = 500)
{
    /// <summary>Shown to facilitators only (their commands are noise to members, and refused to them anyway).</summary>
    public bool FacilitatorOnly { get; init; }

    /// <summary>Also offered in the short greeting: one of the few things most people come for.</summary>
    public bool InGreeting { get; init; }

    /// <summary>
    /// The help card offers a button that sends <see cref="Command"/>; false when the command is a pattern to
    /// complete ("une question", "réserver …") rather than something to send as it is.
    /// </summary>
    public bool Clickable { get; init; } = true;

    /// <summary>The typed intent the help button carries (an <c>[Intent]</c> record), the same as the command typed.</summary>
    public object? Intent { get; init; }
}

/// <summary>Features list what they offer so "aide" always tells the truth.</summary>
public interface IHelpContributor
{
    IEnumerable<HelpLine> HelpLines { get; }
}
