using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>
/// Debian's Chromium, headless and offline, on the bot's chat page: one browser (and its cookie jar) per instance,
/// pages at a given size, nothing but the bot reachable, and every console error or CSP refusal collected.
/// Screenshots go to $TMPDIR/communaute-screens, to be looked at.
/// </summary>
public sealed class ChatBrowser : IAsyncDisposable
{
    public static readonly string ScreenshotFolder = Path.Combine(Path.GetTempPath(), "communaute-screens");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _site;

    public IBrowserContext Context { get; }

    /// <summary>Console errors, page errors and refused requests: a page that works under the CSP has none.</summary>
    public List<string> Problems { get; } = [];

    private ChatBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, Uri site)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        _site = site;
    }

    public static async Task<ChatBrowser> LaunchAsync(BotTestHost host, int width = 1280, int height = 800)
    {
        ExternalTools.RequireChromium();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalTools.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = width < 600,
            Locale = "fr-FR",
        });
        var site = host.BaseAddress!;
        // Nothing but the bot itself may be reached.
        await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(site.ToString(), StringComparison.Ordinal)
            ? route.ContinueAsync() : route.AbortAsync());
        return new ChatBrowser(playwright, browser, context, site);
    }

    /// <summary>A new tab on the page, once the conversation is drawn.</summary>
    public async Task<IPage> OpenAsync()
    {
        var page = await Context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => Problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => Problems.Add($"request failed: {r.Url} {r.Failure}");
        await page.GotoAsync(_site.ToString());
        await page.Locator("#log .bot-block").First.WaitForAsync(new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>Types and sends with Enter; returns once the bot's answer is drawn.</summary>
    public static async Task SendAsync(IPage page, string text)
    {
        var before = await BotBlocks(page);
        await page.FillAsync("#input", text);
        await page.PressAsync("#input", "Enter");
        await WaitForMoreAsync(page, before);
    }

    /// <summary>Clicks the last button with this name; returns once the bot's answer is drawn.</summary>
    public static async Task ClickAsync(IPage page, string name)
    {
        var before = await BotBlocks(page);
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).Last.ClickAsync(new() { Timeout = 10_000 });
        await WaitForMoreAsync(page, before);
    }

    public static Task<int> BotBlocks(IPage page) => page.Locator("#log .bot-block").CountAsync();

    public static async Task WaitForMoreAsync(IPage page, int before) =>
        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('#log .bot-block').length > {before} && !document.querySelector('#log .pending')",
            null, new() { Timeout = 20_000 });

    /// <summary>Waits until some message in the log shows this text.</summary>
    public static Task ExpectAsync(IPage page, string text) =>
        page.Locator("#log").GetByText(text, new() { Exact = false }).Last.WaitForAsync(new() { Timeout = 20_000 });

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
