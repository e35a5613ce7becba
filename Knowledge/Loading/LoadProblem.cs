namespace Communaute.Knowledge.Loading;

/// <summary>A knowledge file that could not be read: the bot serves the others and names this one.</summary>
public sealed record LoadProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
