namespace Communaute.Knowledge.Loading;

/// <summary>A knowledge file that could not be read: the bot serves the others and names this one.</summary>
public sealed record LoadProblem(string File, int Line, string Message)
{
    /// <summary>"dossier/fiche.md, ligne 4 : « tags » doit être une liste".</summary>
    public override string ToString() => Line > 0 ? $"{File}, ligne {Line} : {Message}" : $"{File} : {Message}";
}
