using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Communaute.Bot.Channels.Teams.Manifest;

/// <summary>Builds the Teams app package (manifest.json + the two icons, zipped) from manifest/ with the bot's app id.</summary>
public static class TeamsAppPackage
{
    public const string PlaceholderId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The manifest of manifest/manifest.json with the app id and bot id set.</summary>
    public static JsonObject Manifest(string manifestFolder, string appId)
    {
        if (!Guid.TryParse(appId, out _)) throw new ArgumentException($"Teams:AppId doit être un GUID (reçu : « {appId} »)");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(manifestFolder, "manifest.json")))!.AsObject();
        manifest["id"] = appId;
        foreach (var bot in manifest["bots"]!.AsArray()) bot!["botId"] = appId;
        return manifest;
    }

    public static void Build(string manifestFolder, string appId, string zipPath)
    {
        var manifest = Manifest(manifestFolder, appId);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        if (File.Exists(zipPath)) File.Delete(zipPath);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
            writer.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        foreach (var icon in new[] { (string)manifest["icons"]!["color"]!, (string)manifest["icons"]!["outline"]! })
            zip.CreateEntryFromFile(Path.Combine(manifestFolder, icon), icon);
    }

    /// <summary>Finds manifest/manifest.json from the working directory or the program's folder upwards.</summary>
    public static string? FindFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "manifest", "manifest.json"))) return Path.Combine(dir.FullName, "manifest");
        return null;
    }
}
