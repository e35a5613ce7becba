using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>The local chat page in headless Chromium: a person chats with the bot and sees the cards Teams gets.</summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // Everyone on the page is a facilitator here, as in the default development settings.
        // Wildcards give a role only in the Development environment (Security/RoleTests).
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["environment"] = "Development", ["Community:Facilitators"] = "webchat:*" }, listen: true);
    }

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
        var page = await _browser.NewPageAsync();
        // Nothing but the bot itself may be reached.
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(_host.BaseAddress!.ToString(), StringComparison.Ordinal)
            ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(_host.BaseAddress!.ToString());
        await page.Locator(".card").First.WaitForAsync(new() { Timeout = 15000 });
        return page;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var before = await page.Locator(".card, .message.bot").CountAsync();
        await page.FillAsync("#input", text);
        await page.ClickAsync("#send");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.card, .message.bot').length > {before}", null, new() { Timeout = 15000 });
    }

    [SkippableFact]
    public async Task A_person_asks_a_question_and_sees_the_cited_answer_card()
    {
        var page = await OpenAsync();
        Assert.Contains("Bonjour", await page.Locator(".card").First.InnerTextAsync());

        await SendAsync(page, "Qu'est-ce que le FISO ?");
        var answer = await page.Locator(".card").Last.InnerTextAsync();
        Assert.Contains("FISO", answer);
        Assert.Contains("Source", answer);
        Assert.Contains("Avise", answer);
    }

    [SkippableFact]
    public async Task Clicking_a_card_button_sends_its_value_like_typed_text()
    {
        var page = await OpenAsync();
        await SendAsync(page, "Comment faire un gâteau au chocolat ?");
        var card = page.Locator(".card").Last;
        Assert.Contains("Je ne sais pas", await card.InnerTextAsync());

        var before = await page.Locator(".card, .message.bot").CountAsync();
        await card.Locator("button", new() { HasText = "Transmettre aux animateurs" }).ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.card, .message.bot').length > {before}", null, new() { Timeout = 15000 });
        Assert.Contains("transmis", await page.Locator(".message.bot").Last.InnerTextAsync());
        Assert.Contains("Transmettre aux animateurs", await page.Locator(".message.user").Last.InnerTextAsync());
    }

    [SkippableFact]
    public async Task Html_typed_by_a_member_is_shown_as_text_never_run()
    {
        var page = await OpenAsync();
        await SendAsync(page, "<img src=x onerror=\"document.body.dataset.pwned='1'\"> /inconnue");
        Assert.Equal(0, await page.Locator("#log img[src='x']").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("document.body.dataset.pwned || null"));
        Assert.Contains("<img src=x", await page.Locator(".message.user").Last.InnerTextAsync());
    }

    [SkippableFact]
    public async Task Markdown_typed_by_a_member_stays_literal_in_a_facilitator_card()
    {
        var page = await OpenAsync();
        await SendAsync(page, "[cliquez ici](http://evil.example) **urgent** météo demain ?");
        await SendAsync(page, "questions sans réponse");
        var card = page.Locator(".card").Last;
        Assert.Contains("[cliquez ici](http://evil.example) **urgent**", await card.InnerTextAsync());
        Assert.Equal(0, await card.Locator("a[href='http://evil.example']").CountAsync());
        Assert.Equal(0, await card.Locator("strong").CountAsync());
    }
}
