using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>The session flow clicked through in the local chat page, in headless Chromium: list, book, see it, cancel.</summary>
public sealed class SessionsChatPageTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => _host = await SessionsHost.StartAsync(listen: true);

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<IPage> OpenAsync()
    {
        ExternalTools.RequireChromium();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalTools.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { TimezoneId = "America/Guadeloupe" });
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(_host.BaseAddress!.ToString(), StringComparison.Ordinal)
            ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(_host.BaseAddress!.ToString());
        await page.Locator(".card").First.WaitForAsync(new() { Timeout = 15000 });
        return page;
    }

    private static async Task<string> AfterAsync(IPage page, Func<Task> action)
    {
        var before = await page.Locator(".card, .message.bot").CountAsync();
        await action();
        // An arrow function: a bare expression would be eval-ed in the page, which its CSP refuses.
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.card, .message.bot').length > {before}", null, new() { Timeout = 15000 });
        await page.WaitForTimeoutAsync(300);
        return string.Join("\n", await page.Locator(".card, .message.bot").AllInnerTextsAsync());
    }

    [SkippableFact]
    public async Task A_member_lists_books_sees_and_cancels_a_session_by_clicking()
    {
        var id = await new TestChat(_host, "facilitator", "Fanny").CreateSessionAsync(_host, date: "10/12/2026", time: "14h00");
        var page = await OpenAsync();

        var listed = await AfterAsync(page, async () => { await page.FillAsync("#input", "sessions"); await page.ClickAsync("#send"); });
        Assert.Contains("14h00 heure de Paris — 09h00 à Pointe-à-Pitre", listed);

        var booked = await AfterAsync(page, () => page.Locator(".card", new() { HasText = "Co-développement des incubés" }).Last
            .Locator("button", new() { HasText = "Réserver" }).ClickAsync());
        Assert.Contains("votre place est réservée", booked);
        Assert.Contains("7 places libres sur 8", booked);
        Assert.Equal(BookingStatus.Confirmed, Assert.Single(await _host.BookingsAsync(id)).Status);

        var cancelled = await AfterAsync(page, () => page.Locator(".card", new() { HasText = "réservée, comme consultant" }).Last
            .Locator("button", new() { HasText = "Annuler" }).First.ClickAsync());
        Assert.Contains("est annulée", cancelled);
        Assert.Equal(BookingStatus.Cancelled, Assert.Single(await _host.BookingsAsync(id)).Status);
    }
}
