using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>A person goes through the characterisation on the local chat page, in a real (headless) browser.</summary>
public sealed class WebChatPageDialogTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    // No Community:PublicBaseUrl, a random port: the page's links are relative, so the chart loads wherever the bot runs.
    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [SkippableFact]
    public async Task The_whole_dialogue_can_be_clicked_through_on_the_chat_page()
    {
        ExternalTools.RequireChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalTools.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add(m.Text);
        page.PageError += (_, e) => console.Add(e);
        await page.GotoAsync(_host.BaseAddress!.ToString());
        try { await Expect(page, "Bonjour"); }
        catch (TimeoutException) { throw new Xunit.Sdk.XunitException(string.Join("\n", console) + "\n" + await page.ContentAsync()); }

        async Task Type(string text)
        {
            await page.FillAsync("#input", text);
            await page.PressAsync("#input", "Enter");
        }
        async Task Click(string title)
        {
            try { await page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).Last.ClickAsync(new() { Timeout = 10_000 }); }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "dialogs-page.png"), FullPage = true });
                var texts = await page.Locator("#log > *").AllInnerTextsAsync();
                throw new Xunit.Sdk.XunitException($"{texts.Count} éléments ; derniers : " + string.Join(" ||| ", texts.TakeLast(4).Select(t => t.Length > 300 ? t[..300] : t)) + "\nconsole: " + string.Join("\n", console));
            }
        }

        await Type("caractériser mon projet");
        await Expect(page, "On commence ?");
        await Click("Commencer");
        await Expect(page, "Quel besoin social");
        await Type("Rompre l'isolement des aînés 🤝");
        await Type("Un réseau de voisins solidaires");
        await Type("Plus de lien social");
        await Expect(page, "1/12");
        for (var i = 0; i < 12; i++)
        {
            await Click(i % 2 == 0 ? "Intermédiaire" : "Faible");
            await Expect(page, i < 11 ? $"{i + 2}/12" : "Récapitulatif");
        }
        await Click("Valider");
        await Expect(page, "Vos 3 pistes de progression");
        var image = page.Locator("#log img").Last;
        // Relative on the page: it loads whatever host and port the bot is reached on.
        Assert.StartsWith("/media/", await image.GetAttributeAsync("src"));
        await page.WaitForFunctionAsync("() => { const i = [...document.querySelectorAll('#log img')].pop(); return i && i.complete && i.naturalWidth > 0; }");
        Assert.Equal(900, await image.EvaluateAsync<int>("i => i.naturalWidth"));
    }

    private static async Task Expect(IPage page, string text) =>
        await page.Locator("#log").GetByText(text, new LocatorGetByTextOptions { Exact = false }).Last.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
}
