using System.IO.Compression;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Teams.Manifest;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Teams;

/// <summary>The Teams app package: the manifest validates against the official schema, icons have the required sizes.</summary>
public sealed class TeamsManifestTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private static string Folder => Path.Combine(RepoPaths.Root, "manifest");

    private static async Task<List<string>> SchemaErrorsAsync(JsonObject manifest) =>
        JsonNode.Parse(await ExternalTools.NodeAsync("validate-teams-manifest.js", manifest.ToJsonString()))!.AsArray()
            .Select(e => (string)e!).ToList();

    [SkippableFact]
    public async Task The_manifest_validates_against_the_official_schema()
    {
        var manifest = TeamsAppPackage.Manifest(Folder, AppId);
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        var errors = await SchemaErrorsAsync(manifest);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public async Task The_validator_catches_a_broken_manifest()
    {
        var manifest = TeamsAppPackage.Manifest(Folder, AppId);
        manifest["bots"]![0]!["scopes"] = new JsonArray("everywhere");
        Assert.NotEmpty(await SchemaErrorsAsync(manifest));
    }

    [Fact]
    public void The_package_holds_the_manifest_with_the_bot_id_and_both_icons_at_the_required_sizes()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), $"teams-{Guid.NewGuid():N}.zip");
        try
        {
            TeamsAppPackage.Build(Folder, AppId, zipPath);
            using var zip = ZipFile.OpenRead(zipPath);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            var manifest = JsonNode.Parse(reader.ReadToEnd())!;
            Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(AppId, (string?)manifest["id"]);
            var commands = manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string?)c!["title"]).ToList();
            Assert.Equal(["question", "caractériser", "sessions", "mes sessions", "mon fuseau", "digest", "aide"], commands);
            Assert.Equal((192, 192), PngWriter.Size(Bytes(zip, "color.png")));
            Assert.Equal((32, 32), PngWriter.Size(Bytes(zip, "outline.png")));
        }
        finally { File.Delete(zipPath); }
    }

    [Fact]
    public void The_committed_icons_are_the_ones_the_code_draws()
    {
        Assert.Equal(TeamsIcons.Color(), File.ReadAllBytes(Path.Combine(Folder, "color.png")));
        Assert.Equal(TeamsIcons.Outline(), File.ReadAllBytes(Path.Combine(Folder, "outline.png")));
    }

    [Fact]
    public void A_bot_id_that_is_not_a_guid_is_refused() =>
        Assert.Throws<ArgumentException>(() => TeamsAppPackage.Manifest(Folder, "not-a-guid"));

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
