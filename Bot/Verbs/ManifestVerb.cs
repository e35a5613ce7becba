using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Channels.Teams.Manifest;

namespace Communaute.Bot.Verbs;

/// <summary>`manifest teams [--out FILE] [--app-id GUID] [--icons]`: builds the Teams app package to upload.</summary>
public static class ManifestVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "teams")
        {
            Console.Error.WriteLine("usage : manifest teams [--out FICHIER.zip] [--app-id GUID] [--icons]");
            return 2;
        }
        var folder = TeamsAppPackage.FindFolder();
        if (folder is null)
        {
            Console.Error.WriteLine("Dossier manifest/ introuvable : lancez la commande depuis le dépôt.");
            return 1;
        }
        if (args.Contains("--icons"))
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "color.png"), TeamsIcons.Color());
            await File.WriteAllBytesAsync(Path.Combine(folder, "outline.png"), TeamsIcons.Outline());
            Console.WriteLine($"Icônes écrites dans {folder}");
        }
        var builder = Hosting.BotApp.CreateBuilder([.. args.Where(a => a.StartsWith("--Teams:", StringComparison.Ordinal))]);
        var appId = Option(args, "--app-id") ?? builder.Configuration[$"{TeamsOptions.Section}:AppId"];
        if (string.IsNullOrWhiteSpace(appId) || !Guid.TryParse(appId, out _))
        {
            Console.Error.WriteLine("Teams:AppId manquant ou invalide : dotnet user-secrets --project Bot set \"Teams:AppId\" \"<GUID de l'Azure Bot>\", ou --app-id GUID.");
            return 1;
        }
        var output = Option(args, "--out") ?? Path.Combine(folder, "build", "communaute-teams.zip");
        TeamsAppPackage.Build(folder, appId, output);
        Console.WriteLine($"Paquet Teams : {Path.GetFullPath(output)} (bot {appId}). À téléverser dans Teams : Applications → Gérer vos applications → Téléverser une application.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
