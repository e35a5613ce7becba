namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>Folders of the repository, found from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string KnowledgeBase => Path.Combine(Root, "Knowledge", "base");

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string TestTools => Path.Combine(Root, "Bot.Tests", "tools");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Communaute.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Racine du dépôt introuvable (Communaute.slnx)");
    }
}
