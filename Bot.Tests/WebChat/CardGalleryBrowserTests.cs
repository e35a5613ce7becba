using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Bot.WebChat;
using Communaute.Dialogs.Replies;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>
/// Every kind of card the bot renders, as the bot produced it in real conversations (members and a facilitator),
/// drawn on the chat page by the page's own code, then checked with axe-core at desktop and phone sizes: at rest,
/// under the mouse and with the keyboard focus on each button. Disabled and chosen buttons are measured too (axe
/// exempts disabled controls; a person still has to read them).
/// </summary>
public sealed class CardGalleryBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SessionsHost.StartAsync(listen: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The gallery: (kind, reply) in the order a person would meet them.</summary>
    private async Task<List<(string Kind, Reply Reply)>> CollectAsync()
    {
        var gallery = new List<(string, Reply)>();
        void Add(string kind, BotSaid said) { foreach (var r in said.Replies) gallery.Add((kind, r)); }

        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var alice = new TestChat(_host, "alice", "Alice Martin");
        Add("aide (membre)", await alice.Says("aide"));
        Add("réponse", await alice.Says("Qu'est-ce que le FISO ?"));
        Add("suggestions", await alice.Says("accompagnement Bretagne"));
        Add("sans réponse", await alice.Says("Comment faire un gâteau au chocolat ?"));
        Add("aide (animateur)", await facilitator.Says("aide"));

        var carol = new TestChat(_host, "carol", "Carol");
        Add("caractérisation : étape", await CharacterisationPath.StartAndAnswerKeyQuestions(carol));
        Add("caractérisation : récapitulatif", await CharacterisationPath.AnswerCriteria(carol));
        Add("profil avec radar", await carol.Clicks("Valider"));

        var id = await facilitator.CreateSessionAsync(_host, more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "2" });
        Add("session (membre)", await alice.Says("sessions"));
        Add("réservation", await alice.Clicks("Réserver"));
        Add("session (animateur)", await facilitator.Says("sessions"));
        Add("participants (animateur)", await facilitator.Says($"participants {id}"));
        var bruno = new TestChat(_host, "bruno", "Bruno");
        await bruno.Says($"réserver {id}");
        var dario = new TestChat(_host, "dario", "Dario");
        Add("session complète", await dario.Says("sessions"));
        await dario.Clicks("Liste d'attente");
        Add("annulation : choix", await alice.Says("annuler ma réservation"));
        Add("annulation : confirmation", await alice.Says($"annuler la réservation {id}"));
        Add("offre de place (liste d'attente)", new BotSaid(_host.Sent().To("conv-dario")));

        Add("curateurs : questions sans réponse", await facilitator.Says("questions sans réponse"));
        Add("digest : brouillon", await facilitator.Says("préparer le digest"));
        await facilitator.Says("approuver le digest");
        Add("digest publié", await alice.Says("digest"));
        Add("annulation de session (animateur)", await facilitator.Says($"annuler la session {id}"));
        Add("suppression : confirmation", await alice.Says("supprimer mes données"));
        return gallery;
    }

    private static JsonObject Transcript(IReadOnlyList<(string Kind, Reply Reply)> gallery)
    {
        var messages = new JsonArray();
        var id = 0;
        foreach (var (kind, reply) in gallery)
        {
            messages.Add(new JsonObject { ["id"] = ++id, ["from"] = "member", ["text"] = kind });
            messages.Add(new JsonObject { ["id"] = ++id, ["from"] = "bot", ["revision"] = 1, ["asks"] = false, ["reply"] = WebChatTranscript.ReplyJson(reply) });
        }
        // The first card answered by a click: its buttons disabled, the chosen one marked.
        var firstCard = messages.Select(m => m!.AsObject()).First(m => (string?)m["from"] == "bot" && m["reply"]?["card"] is not null);
        messages.Add(new JsonObject { ["id"] = ++id, ["from"] = "member", ["text"] = "Caractériser mon projet", ["replyTo"] = (int)firstCard["id"]! });
        return new JsonObject { ["messages"] = messages, ["cursor"] = new JsonObject { ["after"] = id, ["since"] = 0 } };
    }

    /// <summary>Contrast of an element's text on the first opaque background behind it, and whether its focus ring is cut.</summary>
    private const string MeasureScript = """
        el => {
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const fg = rgb(getComputedStyle(el).color);
          let bg = [255, 255, 255];
          for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0.99) { bg = c; break; } }
          const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
          const style = getComputedStyle(el);
          let cut = null;
          if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
            const grow = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset || "0");
            const r = el.getBoundingClientRect();
            for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
              const s = getComputedStyle(e);
              if (s.overflowX === "visible" && s.overflowY === "visible") continue;
              const p = e.getBoundingClientRect();
              const scrolls = /auto|scroll/.test(s.overflowY);
              if (r.left - grow < p.left - 0.5 || r.right + grow > p.right + 0.5 || (!scrolls && (r.top - grow < p.top - 0.5 || r.bottom + grow > p.bottom + 0.5)))
                { cut = (e.className || e.tagName) + ""; break; }
            }
          } else cut = "pas d'anneau de focus";
          return { text: el.textContent.trim().slice(0, 50), ratio: (a + 0.05) / (b + 0.05), cut: cut, disabled: el.disabled };
        }
        """;

    private const string AxeScript = """
        async target => (await axe.run(target || document, target ? { runOnly: ['color-contrast'], resultTypes: ['violations'] } : { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`)
        """;

    [SkippableFact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_any_card_kind_at_rest_under_the_mouse_or_with_the_focus()
    {
        await ExternalTools.RequireNodeToolsAsync();
        ExternalTools.RequireChromium();
        var axe = await File.ReadAllTextAsync(Path.Combine(RepoPaths.TestTools, "node_modules", "axe-core", "axe.min.js"));
        var gallery = await CollectAsync();
        var transcript = Transcript(gallery).ToJsonString();
        var kinds = gallery.Select(g => g.Kind).Distinct().ToList();
        output.WriteLine($"{kinds.Count} sortes de cartes, {gallery.Count} messages : {string.Join(", ", kinds)}");

        var problems = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await using var browser = await ChatBrowser.LaunchAsync(_host, width, height);
            await browser.Context.RouteAsync("**/api/webchat/session", r => r.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = transcript }));
            await browser.Context.RouteAsync("**/api/webchat/messages*", r => r.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = """{"messages":[],"cursor":{"after":0,"since":0}}""" }));
            await browser.Context.AddInitScriptAsync(axe);
            var page = await browser.OpenAsync();
            await page.Locator("#log .card").Nth(gallery.Count(g => g.Reply.Card is not null) - 1).WaitForAsync();
            await page.Locator(".card img").First.WaitForAsync();
            await page.EvaluateAsync("() => document.querySelectorAll('.card img').forEach(i => i.complete || new Promise(r => i.onload = r))");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChatBrowser.ScreenshotFolder, $"gallery-{width}.png"), FullPage = true });

            string Where(string state) => $"{width}×{height}, {state}";
            foreach (var v in (await page.EvaluateAsync<JsonElement>(AxeScript, null)).EnumerateArray()) problems.Add($"{Where("au repos")} : {v.GetString()}");

            // Every button is measured in every state; axe itself looks at a few of each style (it is slow on two cores).
            var sampled = new Dictionary<string, int>();
            async Task<bool> AxeSampleAsync(IElementHandle e, string state)
            {
                var key = state + " " + await e.EvaluateAsync<string>("e => e.className + (e.closest('.suggestions') ? ' suggestion' : '') + (e.id ? '#' + e.id : '')");
                sampled[key] = sampled.GetValueOrDefault(key) + 1;
                return sampled[key] <= 3;
            }
            var buttons = page.Locator("#log button, #send");
            var count = await buttons.CountAsync();
            Assert.True(count > 60, $"{count} boutons seulement");
            for (var i = 0; i < count; i++)
            {
                var button = buttons.Nth(i);
                var handle = await button.ElementHandleAsync();
                var rest = await handle.EvaluateAsync<JsonElement>(MeasureScript);
                var label = rest.GetProperty("text").GetString();
                if (rest.GetProperty("ratio").GetDouble() < 4.5)
                    problems.Add($"{Where("au repos")} : « {label} » contraste {rest.GetProperty("ratio").GetDouble():0.00}");
                if (rest.GetProperty("disabled").GetBoolean()) continue;
                await button.HoverAsync();
                var hover = await handle.EvaluateAsync<JsonElement>(MeasureScript);
                if (hover.GetProperty("ratio").GetDouble() < 4.5)
                    problems.Add($"{Where("sous la souris")} : « {label} » contraste {hover.GetProperty("ratio").GetDouble():0.00}");
                if (await AxeSampleAsync(handle, "hover"))
                    foreach (var v in (await page.EvaluateAsync<JsonElement>(AxeScript, handle)).EnumerateArray()) problems.Add($"{Where("sous la souris")} : {v.GetString()}");
            }

            // The keyboard: Tab from the top through every button; each shows a whole ring and readable text.
            // (Clicking the header puts the start of sequential navigation at the top of the page.)
            await page.Locator("header h1").ClickAsync();
            await page.Mouse.MoveAsync(1, 1);
            var focused = 0;
            for (var step = 0; step < count + 20; step++)
            {
                await page.Keyboard.PressAsync("Tab");
                var active = await page.EvaluateHandleAsync("() => document.activeElement");
                var element = active.AsElement();
                if (element is null || await element.EvaluateAsync<string>("e => e.tagName") != "BUTTON") continue;
                if (await element.EvaluateAsync<bool>("e => e.id === 'send'")) break;
                focused++;
                var m = await element.EvaluateAsync<JsonElement>(MeasureScript);
                var label = m.GetProperty("text").GetString();
                if (m.GetProperty("ratio").GetDouble() < 4.5)
                    problems.Add($"{Where("focus clavier")} : « {label} » contraste {m.GetProperty("ratio").GetDouble():0.00}");
                if (m.GetProperty("cut").ValueKind == JsonValueKind.String)
                    problems.Add($"{Where("focus clavier")} : « {label} » anneau de focus coupé par {m.GetProperty("cut").GetString()}");
                if (await AxeSampleAsync(element, "focus"))
                    foreach (var v in (await page.EvaluateAsync<JsonElement>(AxeScript, element)).EnumerateArray()) problems.Add($"{Where("focus clavier")} : {v.GetString()}");
            }
            if (focused < 40) problems.Add($"{Where("focus clavier")} : le clavier n'a atteint que {focused} boutons.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChatBrowser.ScreenshotFolder, $"gallery-focus-{width}.png") });
            Assert.True(browser.Problems.Count == 0, "La page a signalé : " + string.Join("\n", browser.Problems));
        }
        foreach (var p in problems.Distinct()) output.WriteLine(p);
        Assert.True(problems.Count == 0, $"{problems.Distinct().Count()} problèmes :\n" + string.Join("\n", problems.Distinct().Take(60)));
    }
}
