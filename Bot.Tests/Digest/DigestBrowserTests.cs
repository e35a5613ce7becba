using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Communaute.Bot.Tests.Digest;

/// <summary>A facilitator on the local chat page, in headless Chromium: prepares the digest, reads the preview, clicks Approve.</summary>
public sealed class DigestBrowserTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() =>
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            // The page's visitor is a facilitator: wildcards give roles only in Development.
            ["environment"] = "Development",
            ["Community:Facilitators"] = "webchat:*",
        }, listen: true);

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    private static async Task WaitForMoreAsync(IPage page, int before) =>
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.card, .message.bot').length > {before}", null, new() { Timeout = 15000 });

    private static async Task SendAsync(IPage page, string text)
    {
        var before = await page.Locator(".card, .message.bot").CountAsync();
        await page.FillAsync("#input", text);
        await page.ClickAsync("#send");
        await WaitForMoreAsync(page, before);
    }

    [SkippableFact]
    public async Task A_facilitator_previews_the_draft_and_approves_it_by_clicking()
    {
        ExternalTools.RequireChromium();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalTools.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await _browser.NewPageAsync();
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(_host.BaseAddress!.ToString(), StringComparison.Ordinal)
            ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(_host.BaseAddress!.ToString());
        await page.Locator(".card").First.WaitForAsync(new() { Timeout = 15000 });

        await SendAsync(page, "Comment faire un gâteau au chocolat ?");
        await SendAsync(page, "préparer le digest");
        await page.Locator(".card", new() { HasText = "Brouillon du digest de novembre 2026" }).WaitForAsync(new() { Timeout = 15000 });
        var digest = page.Locator(".card", new() { HasText = "Digest de la communauté — novembre 2026" }).Last;
        Assert.Contains("Qui peut répondre ?", await digest.InnerTextAsync());
        Assert.Contains("gâteau au chocolat", await digest.InnerTextAsync());
        var controls = page.Locator(".card", new() { HasText = "Brouillon du digest de novembre 2026" }).Last;
        Assert.Contains("Slack", await controls.InnerTextAsync());

        var before = await page.Locator(".card, .message.bot").CountAsync();
        await controls.Locator("button", new() { HasText = "Approuver" }).ClickAsync();
        await WaitForMoreAsync(page, before);
        Assert.Contains("est approuvé", await page.Locator(".card, .message.bot").Last.InnerTextAsync());

        await SendAsync(page, "digest");
        await page.Locator(".card", new() { HasText = "Digest de novembre 2026 — approuvé" }).WaitForAsync(new() { Timeout = 15000 });
    }
}
