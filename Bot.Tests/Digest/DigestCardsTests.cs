using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Digest;
using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>Every digest reply, preview and form renders validly on every channel, within each channel's limits.</summary>
public sealed class DigestCardsTests
{
    /// <summary>A month with every kind of section, at their largest, notes written to break things.</summary>
    private static DigestContent BusyMonth()
    {
        var sessions = Enumerable.Range(1, 50).Select(i => new BookableSession(
            FakeSessionDirectory.Session(i, $"Session de co-développement n°{i} : " + new string('t', 80), Instant.FromUtc(2027, 1, 10 + i % 15, 13, 0)),
            $"réserver la session {i} via digest:1")).ToList();
        var sources = new DigestSources(new YearMonth(2027, 1), 1,
            Enumerable.Range(1, 40).Select(i => new ChangedEntry($"dossier/fiche-{i}", $"Fiche {i} : " + new string('f', 120), i % 2 == 0)).ToList(),
            sessions,
            Enumerable.Range(1, 5).Select(i => new AskedTopic($"e{i}", $"Sujet {i}", 10 - i)).ToList(),
            Enumerable.Range(1, 30).Select(i => new OpenQuestion(i, $"Question {i} [lien](http://evil.example) <b>gras</b> " + new string('q', 400), 1 + i % 3)).ToList(),
            new CharacterisationFigures(7, "Ouverture à la recherche"));
        var sections = DigestDraftBuilder.Build(sources);
        for (var i = 0; i < 5; i++)
            sections.Add(new DigestSection(SectionKinds.Note, $"Note {i} <script>alert(1)</script> **gras**",
                string.Join("\n", Enumerable.Range(0, 20).Select(j => $"- point {j} : [clic](javascript:alert(1)) & <@U123> " + new string('n', 100))))
                { EditedByFacilitator = true });
        return new DigestContent(sections);
    }

    [Fact]
    public void A_long_digest_is_split_within_every_channels_limits_without_losing_a_section_or_a_button()
    {
        var content = BusyMonth();
        var replies = DigestComposer.Compose(content, new YearMonth(2027, 1));
        Assert.True(replies.Count >= 2, "un digest de cette taille doit tenir en plusieurs messages");
        foreach (var reply in replies)
        {
            Assert.True(Encoding.UTF8.GetByteCount(AdaptiveCardRenderer.Render(reply.Card!).ToJsonString()) <= DigestComposer.MaxCardBytes);
            var slack = Assert.Single(SlackBlockKitRenderer.Render(reply));
            Assert.True(slack.Blocks.Count <= SlackBlockKitRenderer.MaxBlocksPerMessage);
            Assert.Empty(SlackLimits.CheckMessage(SlackBlockKitRenderer.ToJson(slack.Blocks)));
        }
        Assert.Equal(content.Visible.Count(), replies.Sum(r => r.Card!.Sections.Count));
        Assert.Equal(content.Visible.Sum(s => s.Buttons.Count), replies.Sum(r => r.Card!.Choices.Count));
        Assert.StartsWith("Digest de la communauté — janvier 2027", replies[0].Card!.Title);
        Assert.Contains("(suite 2)", replies[1].Card!.Title);
    }

    [Fact]
    public void Markdown_html_and_mentions_in_notes_stay_text_on_every_channel()
    {
        var replies = DigestComposer.Compose(BusyMonth(), new YearMonth(2027, 1));
        var card = string.Join("", replies.Select(r => AdaptiveCardRenderer.Render(r.Card!).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        // Member text is in TextRuns (never read as markdown or HTML); no markdown TextBlock carries it, no link is made of it.
        var markdownBlocks = string.Join("\n", System.Text.RegularExpressions.Regex.Matches(card, "\"type\":\"TextBlock\",\"text\":\"(?:[^\"\\\\]|\\\\.)*\"").Select(m => m.Value));
        Assert.DoesNotContain("<script>", markdownBlocks);
        Assert.DoesNotContain("](javascript:", markdownBlocks);
        Assert.DoesNotContain("**gras**", markdownBlocks);
        Assert.Contains("\"type\":\"TextRun\",\"text\":\"Note 0 <script>alert(1)</script> **gras**\"", card);
        Assert.DoesNotContain("\"url\":\"javascript:", card);
        var slack = string.Join("", replies.SelectMany(r => SlackBlockKitRenderer.Render(r)).Select(m => SlackBlockKitRenderer.ToJson(m.Blocks).ToJsonString(BlockKitJson.Options)));
        Assert.DoesNotContain("<@U123>", slack);
        Assert.DoesNotContain("<javascript", slack);
        Assert.DoesNotContain("<http://evil.example", slack);
        Assert.Contains("&lt;@U123", slack);
    }

    [SkippableFact]
    public async Task Digest_previews_and_forms_are_valid_adaptive_cards_and_type_checked_block_kit()
    {
        await ExternalTools.RequireNodeToolsAsync();
        await using var bed = await DigestTestBed.StartAsync(Instant.FromUtc(2026, 11, 23, 9, 0),
            services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.AI.IChatClient>(s,
                new FakeDigestChatClient("Ce mois-ci, une session et des questions vous attendent.")));
        await bed.SaysInTeamsChannelAsync("general", "abonner ce canal au digest");
        bed.Sessions.Sessions.Add(FakeSessionDirectory.Session(7, "Co-développement", Instant.FromUtc(2026, 12, 3, 13, 0)));
        await bed.UnansweredAsync("Comment faire un gâteau au chocolat ?");
        var fanny = bed.Fanny;
        var replies = new List<Reply>();
        async Task Say(TestChat chat, string text) => replies.AddRange((await chat.Says(text)).Replies);
        await Say(fanny, "préparer le digest");
        await Say(fanny, "modifier une section");
        await Say(fanny, "modifier la section 2");
        await Say(fanny, "ajouter une note");
        await Say(fanny, "réordonner le digest");
        await Say(fanny, "retirer une section");
        await Say(fanny, "reporter");
        await Say(fanny, "aperçu texte du digest");
        await Say(fanny, "canaux du digest");
        await Say(fanny, "approuver le digest");
        await Say(fanny, "digest");
        await Say(fanny, "digests");
        await Say(bed.Alice, "digest");
        await Say(bed.Alice, "proposer une réponse 1");
        await Say(fanny, "propositions de réponse");
        replies.AddRange(DigestComposer.Compose(BusyMonth(), new YearMonth(2027, 1)));
        foreach (var payload in await bed.FannyInboxAsync()) Assert.NotNull(payload);
        Assert.True(replies.Count(r => r.Card?.Inputs.Count > 0) >= 4, "les formulaires (section, note, report, proposition) sont vérifiés");

        var cards = replies.Select(r => r.Card is null ? AdaptiveCardRenderer.RenderText(r.Text ?? "") : AdaptiveCardRenderer.Render(r.Card)).ToArray();
        await CardValidator.AssertValidAsync(cards);

        var messages = replies.SelectMany(r => SlackBlockKitRenderer.Render(r, "form-id")).Select(m => SlackBlockKitRenderer.ToJson(m.Blocks)).ToList();
        var views = replies.Where(r => r.Card?.Inputs.Count > 0)
            .Select(r => JsonSerializer.SerializeToNode(SlackModalRenderer.Render(r.Card!, new SlackFormContext("0123456789abcdef0123456789abcdef", "C1", null, false, null).ToJson()), BlockKitJson.Options)!.AsObject())
            .ToList();
        var problems = messages.SelectMany(SlackLimits.CheckMessage).Concat(views.SelectMany(SlackLimits.CheckView)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var input = new JsonObject
        {
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)m.DeepClone()).ToArray()),
            ["views"] = new JsonArray(views.Select(v => (JsonNode)v.DeepClone()).ToArray()),
        };
        var errors = JsonNode.Parse(await ExternalTools.NodeAsync("check-slack-blocks.js", input.ToJsonString()))!["errors"]!.AsArray();
        Assert.True(errors.Count == 0, "tsc --strict refuse des blocs du digest :\n" + string.Join("\n", errors));
    }
}
