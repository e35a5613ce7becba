using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using static Communaute.Bot.Tests.WebChat.ChatBrowser;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>
/// The README's pictures are produced by the test run, never by hand: the chat page with a cited answer
/// (docs/images/page-answer.png) and the radar of a characterisation (docs/images/radar.png), as the bot draws them now.
/// A file is rewritten only when the picture changed.
/// </summary>
public sealed class ReadmeScreenshotsTests : IAsyncLifetime
{
    public static string Images => Path.Combine(RepoPaths.Root, "docs", "images");

    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [SkippableFact]
    public async Task The_readme_pictures_of_the_page_and_of_the_radar_are_regenerated()
    {
        await using var browser = await LaunchAsync(_host, 1280, 800);
        var page = await browser.OpenAsync();
        await SendAsync(page, "Qu'est-ce que le FISO ?");
        await ExpectAsync(page, "Source");
        await page.Mouse.MoveAsync(1, 1);
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        var shot = await page.ScreenshotAsync(new() { FullPage = false });
        var answerPath = Keep("page-answer.png", shot);

        var alice = new TestChat(_host);
        var profile = await CharacterisationPath.Complete(alice);
        var image = profile.Replies.Select(r => r.Card?.Image).Single(i => i is not null)!;
        using var http = _host.CreateClient();
        var radar = await http.GetByteArrayAsync(TestLinks.Of(image.Url).PathAndQuery.TrimStart('/'));
        var radarPath = Keep("radar.png", radar);

        foreach (var path in new[] { answerPath, radarPath })
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 10_000, $"{path} est presque vide");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        Assert.Contains("FISO", await page.Locator(".card").Last.InnerTextAsync());
        Assert.Empty(browser.Problems);
    }

    private static string Keep(string name, byte[] png)
    {
        Directory.CreateDirectory(Images);
        var path = Path.Combine(Images, name);
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(png)) File.WriteAllBytes(path, png);
        return path;
    }
}
