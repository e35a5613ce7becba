using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackBlockKitTests
{
    /// <summary>Replies of every shape the bot sends, including the real pipeline's answers.</summary>
    private static async Task<List<Reply>> RepresentativeRepliesAsync()
    {
        var replies = new List<Reply>
        {
            Reply.Say("Bonjour ! Voici **l'essentiel** : _l'ESS_ & les <structures> — voir [le site d'Avise](https://www.avise.org/?a=1&b=2).\n- premier point\n- second point"),
            Reply.Show(SampleCards.Form),
            Reply.Say(SampleCards.LongText),
            Reply.Say(string.Join("\n\n", Enumerable.Range(0, 160).Select(i => $"**Paragraphe {i}** " + new string('z', 900) + " & <fin>"))),
            Reply.Show(new Card
            {
                Title = new string('T', 200),
                Subtitle = "Sous-titre avec <chevrons> & esperluette",
                PromptId = "p-many",
                Facts = Enumerable.Range(1, 23).Select(i => new Fact($"Critère {i}", i == 3 ? new string('x', 2500) : $"Niveau {i % 4}")).ToList(),
                Sections = [new CardSection("Section", new string('y', 7000))],
                Image = new CardImage("https://example.org/radar.png", "Profil du projet"),
                Choices = Enumerable.Range(1, 30).Select(i => new Choice(i == 1 ? new string('L', 120) : $"Choix {i}", $"valeur {i}", i % 3 == 0 ? ChoiceStyle.Destructive : ChoiceStyle.Default)).ToList(),
                Links = [new CardLink("Grille Avise", "https://www.avise.org/grille"), new CardLink("Local", "http://localhost/x")],
            }),
            Reply.Show(new Card { Title = "Radar", Image = new CardImage("data:image/png;base64,iVBORw0KGgo=", "Radar des 12 critères") }),
            new Reply { Text = "Et ensuite ?", SuggestedActions = [new Choice("Aide", "aide"), new Choice("Sessions", "sessions")] },
        };
        await using var host = await BotTestHost.StartAsync();
        foreach (var text in new[] { "aide", "Qu'est-ce que le FISO ?", "Qu'est-ce que l'innovation sociale ?", "Quel temps fera-t-il demain à Lyon ?", "bonjour" })
            replies.AddRange(await host.Turns.HandleAsync(new IncomingTurn { Channel = "slack", ConversationId = "D1", UserId = "U1", Text = text }));
        return replies;
    }

    [Fact]
    public async Task Every_payload_type_checks_against_slack_types_and_respects_the_limits()
    {
        var replies = await RepresentativeRepliesAsync();
        var messages = replies.SelectMany(r => SlackBlockKitRenderer.Render(r, "form-id")).ToList();
        var views = replies.Where(r => r.Card?.Inputs.Count > 0)
            .Select(r => SlackModalRenderer.Render(r.Card!, new SlackFormContext("0123456789abcdef0123456789abcdef", "C1", "1795000000.000100", false, null).ToJson()))
            .ToList();
        Assert.True(messages.Count > replies.Count, "la réponse longue doit tenir en plusieurs messages");

        var messageJson = messages.Select(m => SlackBlockKitRenderer.ToJson(m.Blocks)).ToList();
        var viewJson = views.Select(v => JsonSerializer.SerializeToNode(v, BlockKitJson.Options)!.AsObject()).ToList();
        var problems = messageJson.SelectMany((m, i) => SlackLimits.CheckMessage(m).Select(p => $"message {i} : {p}"))
            .Concat(viewJson.SelectMany((v, i) => SlackLimits.CheckView(v).Select(p => $"vue {i} : {p}")))
            .Concat(messages.Where(m => m.Text.Length is 0 or > 3000).Select(m => "texte de notification de " + m.Text.Length + " caractères"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var errors = await TypeCheckAsync(messageJson, viewJson);
        Assert.True(errors.Count == 0, "tsc --strict refuse des blocs :\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task The_type_check_catches_a_wrong_payload()
    {
        var wrong = new JsonArray(
            new JsonObject { ["type"] = "section", ["txt"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "x" } },
            new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "a" }) });
        var errors = await TypeCheckAsync([wrong], []);
        Assert.True(errors.Count >= 2, string.Join("\n", errors));
        Assert.NotEmpty(SlackLimits.CheckMessage(new JsonArray(Enumerable.Range(0, 51).Select(_ => (JsonNode)new JsonObject { ["type"] = "divider" }).ToArray())));
    }

    internal static async Task<List<string>> TypeCheckAsync(List<JsonArray> messages, List<JsonObject> views)
    {
        var input = new JsonObject
        {
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)m.DeepClone()).ToArray()),
            ["views"] = new JsonArray(views.Select(v => (JsonNode)v.DeepClone()).ToArray()),
        };
        var output = JsonNode.Parse(await ExternalTools.NodeAsync("check-slack-blocks.js", input.ToJsonString()))!;
        return output["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
    }

    [Fact]
    public void Long_answers_are_split_without_losing_text()
    {
        var messages = SlackBlockKitRenderer.Render(Reply.Say(SampleCards.LongText));
        Assert.True(messages.Count >= 1);
        var sections = messages.SelectMany(m => m.Blocks).OfType<SectionBlock>().Select(s => s.Text!.Text).ToList();
        Assert.All(sections, s => Assert.InRange(s.Length, 1, SlackBlockKitRenderer.MaxSectionText));
        Assert.All(messages, m => Assert.InRange(m.Blocks.Count, 1, SlackBlockKitRenderer.MaxBlocksPerMessage));
        string Squash(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
        Assert.Equal(Squash(SlackMrkdwn.FromMarkdown(SampleCards.LongText)), Squash(string.Concat(sections)));

        var huge = SlackBlockKitRenderer.Render(Reply.Say(string.Join("\n\n", Enumerable.Range(0, 400).Select(i => $"Paragraphe {i} " + new string('z', 500)))));
        Assert.True(huge.Count >= 2);
        Assert.All(huge, m => Assert.True(m.Blocks.Count <= 50));
    }

    [Fact]
    public void Mrkdwn_is_escaped_and_markdown_converted()
    {
        Assert.Equal("a &amp; b &lt;c&gt; *gras* _ital_ <https://x.org/a?b=1&amp;c=2|lien>\n• point",
            SlackMrkdwn.FromMarkdown("a & b <c> **gras** _ital_ [lien](https://x.org/a?b=1&c=2)\n- point"));
        Assert.Equal("<!channel> &amp; co", SlackMrkdwn.Unescape("&lt;!channel&gt; &amp;amp; co"));
        Assert.Equal("Qu'est-ce que le FISO ?", SlackEvents.CleanText("<@UBOT> Qu'est-ce que le FISO ?", "UBOT"));
        Assert.Equal("R&D <test>", SlackEvents.CleanText("<@UBOT|communaute>  R&amp;D &lt;test&gt;", "UBOT"));
    }

    [Fact]
    public void Buttons_carry_the_same_data_as_adaptive_card_submits()
    {
        var card = new Card { PromptId = "p1", Choices = [new Choice("Oui", "oui")] };
        var button = SlackBlockKitRenderer.Render(Reply.Show(card)).Single().Blocks.OfType<ActionsBlock>().Single().Elements.Single();
        var data = JsonNode.Parse(button.Value!)!;
        Assert.Equal("oui", data[SubmitData.TextKey]!.GetValue<string>());
        Assert.Equal("p1", data[SubmitData.PromptKey]!.GetValue<string>());
        var (text, prompt, _) = SlackInteractions.ReadChoice(new JsonObject { ["action_id"] = button.ActionId, ["value"] = button.Value });
        Assert.Equal(("oui", "p1"), (text, prompt));
    }

    [Fact]
    public void Images_only_go_in_image_blocks_when_slack_can_fetch_them()
    {
        var pub = SlackBlockKitRenderer.Render(Reply.Show(new Card { Image = new CardImage("https://example.org/a.png", "Radar") })).Single();
        Assert.IsType<ImageBlock>(Assert.Single(pub.Blocks));
        var data = SlackBlockKitRenderer.Render(Reply.Show(new Card { Image = new CardImage("data:image/png;base64,AAAA", "Radar") })).Single();
        var context = Assert.IsType<ContextBlock>(Assert.Single(data.Blocks));
        Assert.Contains("Radar", ((ContextMrkdwn)context.Elements[0]).Text);
    }
}

/// <summary>Slack's documented length limits, checked on the JSON (tsc checks the shapes, not the lengths).</summary>
public static class SlackLimits
{
    public static List<string> CheckMessage(JsonArray blocks)
    {
        var problems = new List<string>();
        if (blocks.Count is 0 or > 50) problems.Add($"{blocks.Count} blocs (1 à 50)");
        var actionIds = new HashSet<string>();
        foreach (var block in blocks.OfType<JsonObject>()) CheckBlock(block, problems, actionIds);
        return problems;
    }

    public static List<string> CheckView(JsonObject view)
    {
        var problems = new List<string>();
        Max(problems, "titre de la vue", view["title"]?["text"], 24);
        Max(problems, "bouton de validation", view["submit"]?["text"], 24);
        Max(problems, "bouton de fermeture", view["close"]?["text"], 24);
        Max(problems, "private_metadata", view["private_metadata"], 3000);
        Max(problems, "callback_id", view["callback_id"], 255);
        var blocks = view["blocks"]!.AsArray();
        if (blocks.Count > 100) problems.Add($"{blocks.Count} blocs dans la vue (100 au plus)");
        var actionIds = new HashSet<string>();
        foreach (var block in blocks.OfType<JsonObject>()) CheckBlock(block, problems, actionIds, perBlockActionIds: true);
        return problems;
    }

    private static void CheckBlock(JsonObject block, List<string> problems, HashSet<string> actionIds, bool perBlockActionIds = false)
    {
        Max(problems, "block_id", block["block_id"], 255);
        switch (block["type"]?.GetValue<string>())
        {
            case "section":
                Max(problems, "texte de section", block["text"]?["text"], 3000);
                if (block["fields"] is JsonArray fields)
                {
                    if (fields.Count > 10) problems.Add($"{fields.Count} champs (10 au plus)");
                    foreach (var f in fields) Max(problems, "champ", f?["text"], 2000);
                }
                if (block["text"] is null && block["fields"] is null) problems.Add("section sans texte ni champs");
                break;
            case "header":
                Max(problems, "en-tête", block["text"]?["text"], 150);
                break;
            case "context":
                var elements = block["elements"]!.AsArray();
                if (elements.Count is 0 or > 10) problems.Add($"{elements.Count} éléments de contexte (1 à 10)");
                foreach (var e in elements) Max(problems, "texte de contexte", e?["text"], 3000);
                break;
            case "image":
                Max(problems, "image_url", block["image_url"], 3000);
                Max(problems, "alt_text", block["alt_text"], 2000);
                break;
            case "actions":
                var buttons = block["elements"]!.AsArray();
                if (buttons.Count is 0 or > 25) problems.Add($"{buttons.Count} boutons (1 à 25)");
                foreach (var b in buttons.OfType<JsonObject>())
                {
                    Max(problems, "texte de bouton", b["text"]?["text"], 75);
                    Max(problems, "value", b["value"], 2000);
                    Max(problems, "url", b["url"], 3000);
                    Max(problems, "action_id", b["action_id"], 255);
                    if (b["action_id"]?.GetValue<string>() is { } id && !actionIds.Add(id)) problems.Add("action_id en double : " + id);
                }
                break;
            case "input":
                Max(problems, "libellé", block["label"]?["text"], 2000);
                var element = block["element"]!.AsObject();
                Max(problems, "placeholder", element["placeholder"]?["text"], 150);
                if (element["max_length"] is JsonValue ml && ml.GetValue<int>() > 3000) problems.Add("max_length > 3000");
                if (element["options"] is JsonArray options)
                {
                    if (options.Count > 100) problems.Add($"{options.Count} options (100 au plus)");
                    foreach (var o in options)
                    {
                        Max(problems, "texte d'option", o?["text"]?["text"], 75);
                        Max(problems, "valeur d'option", o?["value"], 150);
                    }
                }
                break;
        }
        _ = perBlockActionIds;
    }

    private static void Max(List<string> problems, string what, JsonNode? node, int max)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > max)
            problems.Add($"{what} de {s.Length} caractères ({max} au plus)");
    }
}
