namespace Communaute.Bot.Hosting;

/// <summary>Finds the curated knowledge folder: configured path, else Knowledge/base of the sources, else the copy beside the program.</summary>
public static class KnowledgeLocator
{
    public const string RelativeFolder = "Knowledge/base";

    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "knowledge");
    }
}
