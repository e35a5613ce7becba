using System.Text.Json;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Playwright;
using static Communaute.Bot.Tests.WebChat.ChatBrowser;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>
/// The chat page in headless Chromium, at desktop (1280×800) and phone (390×844) sizes, under the page's CSP:
/// a person chats, reloads, opens a second tab, double-clicks, and sees the same conversation the server keeps.
/// </summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private ChatBrowser? _browser;

    public async Task InitializeAsync()
    {
        // Everyone on the page is a facilitator here, as with the development settings.
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Community:Facilitators"] = "webchat:*",
        }, listen: true);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(int width = 1280, int height = 800)
    {
        _browser ??= await LaunchAsync(_host, width, height);
        return await _browser.OpenAsync();
    }

    private void NoProblems() => Assert.True(_browser!.Problems.Count == 0, "La page a signalé : " + string.Join("\n", _browser.Problems));

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
        NoProblems();
    }

    [SkippableTheory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Clicking_a_button_sends_its_value_then_the_card_is_answered_its_buttons_disabled_and_the_choice_marked(int width, int height)
    {
        var page = await OpenAsync(width, height);
        await SendAsync(page, "Comment faire un gâteau au chocolat ?");
        var card = page.Locator(".bot-block").Nth(await BotBlocks(page) - 1);
        Assert.Contains("Je ne sais pas", await card.InnerTextAsync());

        await ClickAsync(page, "Transmettre aux animateurs");
        Assert.Contains("transmis", await page.Locator(".message.bot").Last.InnerTextAsync());
        Assert.Contains("Transmettre aux animateurs", await page.Locator(".message.user").Last.InnerTextAsync());
        var buttons = card.Locator("button");
        Assert.True(await buttons.CountAsync() > 0);
        foreach (var b in await buttons.AllAsync()) Assert.True(await b.IsDisabledAsync());
        var chosen = card.Locator("button.chosen");
        Assert.Equal(1, await chosen.CountAsync());
        Assert.Contains("votre choix", await chosen.InnerTextAsync());
        await ScreenshotAsync(page, $"answered-card-{width}");

        // After a reload the server's transcript says the same.
        await page.ReloadAsync();
        await page.Locator("#log .bot-block").First.WaitForAsync();
        var reloaded = page.Locator(".bot-block").Nth(1);
        Assert.Contains("Je ne sais pas", await reloaded.InnerTextAsync());
        Assert.Equal(1, await reloaded.Locator("button.chosen").CountAsync());
        foreach (var b in await reloaded.Locator("button").AllAsync()) Assert.True(await b.IsDisabledAsync());
        NoProblems();
    }

    [SkippableTheory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_quick_double_click_on_a_follow_up_sends_it_once(int width, int height)
    {
        var page = await OpenAsync(width, height);
        await SendAsync(page, "Qu'est-ce que l'innovation sociale ?");
        var followUp = page.Locator(".bot-block").Last.Locator("button").First;
        var label = (await followUp.InnerTextAsync()).Trim();
        var before = await BotBlocks(page);
        await followUp.DblClickAsync();
        await WaitForMoreAsync(page, before);
        // Anything a second click would have sent has had time to come back.
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(before + 1, await BotBlocks(page));
        Assert.Equal(1, await page.Locator(".message.user").Filter(new() { HasText = label }).CountAsync());

        // Even when the page fires two clicks without waiting for the first to disable the button.
        await SendAsync(page, "Qu'est-ce que le FISO ?");
        before = await BotBlocks(page);
        await page.Locator(".bot-block").Last.Locator("button").First.EvaluateAsync("b => { b.click(); b.click(); }");
        await WaitForMoreAsync(page, before);
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(before + 1, await BotBlocks(page));
        NoProblems();
    }

    [SkippableTheory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_reload_and_a_new_tab_continue_the_questionnaire_from_the_server_without_sending_anything(int width, int height)
    {
        var page = await OpenAsync(width, height);
        await SendAsync(page, "caractériser mon projet");
        await ClickAsync(page, "Commencer");
        await SendAsync(page, "Rompre l'isolement des aînés");
        await ExpectAsync(page, "Quelle est votre réponse à ce besoin");
        var before = await page.Locator("#log > *").AllInnerTextsAsync();

        await page.ReloadAsync();
        await page.Locator("#log .bot-block").First.WaitForAsync();
        await page.WaitForTimeoutAsync(1000);
        var after = await page.Locator("#log > *").AllInnerTextsAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.DoesNotContain("compris", string.Join("\n", after));
        await ScreenshotAsync(page, $"reloaded-questionnaire-{width}");

        // The questionnaire goes on where it was: the next answer is taken as the answer to question 2.
        await SendAsync(page, "Un réseau de voisins solidaires");
        await ExpectAsync(page, "Quel impact social");

        var tab = await _browser!.OpenAsync();
        await ExpectAsync(tab, "Quel impact social");
        await SendAsync(tab, "Plus de lien social");
        await ExpectAsync(tab, "1/12");
        Assert.DoesNotContain("compris", await tab.Locator("#log").InnerTextAsync());
        NoProblems();
    }

    [SkippableTheory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Long_button_labels_wrap_inside_the_screen(int width, int height)
    {
        var page = await OpenAsync(width, height);
        await SendAsync(page, "accompagnement Bretagne");
        await ExpectAsync(page, "Vouliez-vous dire");
        await SendAsync(page, "Qu'est-ce que l'innovation sociale ?");
        await ScreenshotAsync(page, $"long-labels-{width}");
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#log button')].flatMap(b => [b, ...b.querySelectorAll('div')])
                .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.textContent.trim().slice(0, 60))
            """);
        Assert.True(cut.Length == 0, "Libellés coupés : " + string.Join(" | ", cut));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "La page déborde en largeur.");
        Assert.Contains(await page.Locator("#log button").AllInnerTextsAsync(), t => t.StartsWith("Vouliez-vous dire", StringComparison.Ordinal) && t.Length > 60);
        NoProblems();
    }

    [SkippableFact]
    public async Task Enter_sends_shift_enter_makes_a_new_line_and_the_focus_stays_in_the_input()
    {
        var page = await OpenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.id === 'input'"));
        await page.FocusAsync("#input");
        await page.Keyboard.TypeAsync("Qu'est-ce que");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.TypeAsync("le FISO ?");
        Assert.Equal("Qu'est-ce que\nle FISO ?", await page.InputValueAsync("#input"));
        var before = await BotBlocks(page);
        await page.Keyboard.PressAsync("Enter");
        await WaitForMoreAsync(page, before);
        Assert.Equal("", await page.InputValueAsync("#input"));
        Assert.Contains("FISO", await page.Locator(".card").Last.InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.id === 'input'"), "Le focus a quitté la saisie après l'envoi.");

        await ClickAsync(page, (await page.Locator(".bot-block").Last.Locator("button").First.InnerTextAsync()).Trim());
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.id === 'input'"), "Le focus a quitté la saisie après un clic.");
        NoProblems();
    }

    [SkippableFact]
    public async Task A_typing_indicator_shows_while_the_bot_answers()
    {
        var page = await OpenAsync();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/webchat/turns", async route => { await release.Task; await route.ContinueAsync(); });
        await page.FillAsync("#input", "Qu'est-ce que le FISO ?");
        await page.PressAsync("#input", "Enter");
        await page.Locator("#typing", new() { HasText = "Le bot écrit" }).WaitForAsync(new() { Timeout = 5000 });
        Assert.Equal("status", await page.GetAttributeAsync("#typing", "role"));
        await ScreenshotAsync(page, "typing");
        release.SetResult();
        await ExpectAsync(page, "FISO");
        // The answer is drawn before the indicator goes: wait for it rather than race it on a loaded machine.
        await page.WaitForFunctionAsync("() => document.querySelector('#typing').innerText.trim() === ''", null, new() { Timeout = 5000 });
    }

    [SkippableTheory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Axe_finds_no_serious_or_critical_violation_with_a_conversation_and_cards(int width, int height)
    {
        await ExternalTools.RequireNodeToolsAsync();
        var axe = await File.ReadAllTextAsync(Path.Combine(RepoPaths.TestTools, "node_modules", "axe-core", "axe.min.js"));
        var page = await OpenAsync(width, height);
        await SendAsync(page, "Qu'est-ce que le FISO ?");
        await SendAsync(page, "caractériser");
        await ClickAsync(page, "Commencer");
        await SendAsync(page, "financement");
        // axe is injected by the browser itself (the page's CSP allows no script but its own).
        await page.AddInitScriptAsync(axe);
        await page.ReloadAsync();
        await page.Locator("#log .bot-block").Nth(3).WaitForAsync();
        await ScreenshotAsync(page, $"axe-{width}");
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        Assert.True(violations.GetArrayLength() == 0, string.Join("\n", violations.EnumerateArray().Select(v => v.GetString())));
        NoProblems();
    }

    [SkippableFact]
    public async Task The_page_has_landmarks_labels_and_announces_new_messages()
    {
        var page = await OpenAsync();
        Assert.Equal(1, await page.Locator("header").CountAsync());
        Assert.Equal(1, await page.Locator("main").CountAsync());
        Assert.Equal("log", await page.GetAttributeAsync("#log", "role"));
        Assert.Equal("polite", await page.GetAttributeAsync("#log", "aria-live"));
        Assert.Equal("Votre message", (await page.Locator("label[for=input]").InnerTextAsync()).Trim());
        Assert.NotNull(await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ElementHandleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "welcome.png"), FullPage = true });
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

    [SkippableFact]
    public async Task Another_browser_does_not_see_the_first_one_s_conversation()
    {
        var page = await OpenAsync();
        await SendAsync(page, "Comment faire un gâteau au chocolat ?");
        await using var other = await LaunchAsync(_host);
        var stranger = await other.OpenAsync();
        Assert.DoesNotContain("gâteau", await stranger.Locator("#log").InnerTextAsync());
        var cookies = await _browser!.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "communaute_webchat");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('communaute-chat')"));
    }
}
