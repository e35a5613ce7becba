using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Digest;
using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>Issue 19 point 8: a hostile title and note shown as typed on every surface, never interpreted, no backslash.</summary>
public sealed class EscapingSurfacesTests
{
    private const string Title = "**Gras** _it_ [lien](http://evil.example) <b>x</b>";
    private const string Theme = "Un thème _it_ et *italique*";
    private const string Note = "Une note *italique* et **étoiles** ~barré~ `code` # titre";

    [Fact]
    public async Task Point8_a_hostile_title_and_note_show_as_typed_on_page_card_block_kit_and_text()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny");
        var id = await facilitator.CreateSessionAsync(host, title: Title, more: new Dictionary<string, string> { ["theme"] = Theme });
        var card = (await new TestChat(host, "alice", "Alice").Says($"session {id}")).Replies.Single(r => r.Card?.Title?.Contains("Gras") == true);

        var digest = DigestComposer.Compose(new DigestContent([new DigestSection(SectionKinds.Note, "Le mot *des* animateurs", Note),
            new DigestSection(SectionKinds.Sessions, "Sessions", $"- {Title} : lundi 4 janvier 2027 à 09:00 (heure de Paris)")]), new YearMonth(2027, 1));

        foreach (var reply in new[] { card }.Concat(digest))
        {
            // Page and Teams: the same Adaptive Card. Member text only in TextRuns (never markdown), without backslashes.
            var json = AdaptiveCardRenderer.Render(reply.Card!);
            var blocks = Strings(json, "TextBlock", "text").Concat(Facts(json)).ToList();
            var runs = string.Concat(Strings(json, "TextRun", "text"));
            foreach (var typed in Typed(reply))
            {
                Assert.Contains(typed, runs);
                Assert.DoesNotContain(blocks, b => b.Contains("Gras") || b.Contains("italique") || b.Contains("_it_"));
            }
            Assert.DoesNotContain('\\', runs + string.Concat(blocks));

            // Slack: member text in plain_text (never mrkdwn), without backslashes.
            var slack = SlackBlockKitRenderer.ToJson(SlackBlockKitRenderer.Render(reply).Single().Blocks);
            var plain = string.Concat(TextObjects(slack, "plain_text"));
            var mrkdwn = string.Concat(TextObjects(slack, "mrkdwn"));
            // (& < > are Slack's own entities, in every text object, so nothing forms a mention or a link.)
            foreach (var typed in Typed(reply)) Assert.True(plain.Contains(typed) || plain.Contains(SlackMrkdwn.Escape(typed)), $"« {typed} » absent de :\n{plain}");
            Assert.DoesNotContain("Gras", mrkdwn);
            Assert.DoesNotContain("italique", mrkdwn);
            Assert.DoesNotContain('\\', plain);

            // Plain text: as typed.
            var text = PlainTextRenderer.Render(reply).Text;
            foreach (var typed in Typed(reply)) Assert.Contains(typed, text);
            Assert.DoesNotContain('\\', text);
        }
        Assert.Contains("(heure de Paris)", string.Concat(Strings(AdaptiveCardRenderer.Render(digest[0].Card!), "TextRun", "text")));
    }

    private static IEnumerable<string> Typed(Reply reply) =>
        reply.Card!.Title!.StartsWith("Digest", StringComparison.Ordinal) ? [Note, Title] : [Title, Theme];

    private static IEnumerable<string> Strings(JsonNode? node, string type, string property)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == type && o[property] is JsonValue v) yield return v.GetValue<string>();
                foreach (var (_, child) in o) foreach (var s in Strings(child, type, property)) yield return s;
                break;
            case JsonArray a:
                foreach (var child in a) foreach (var s in Strings(child, type, property)) yield return s;
                break;
        }
    }

    private static IEnumerable<string> Facts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" && o["facts"] is JsonArray facts =>
            facts.Select(f => f?["value"]?.GetValue<string>() ?? ""),
        JsonObject o => o.SelectMany(p => Facts(p.Value)),
        JsonArray a => a.SelectMany(Facts),
        _ => [],
    };

    private static IEnumerable<string> TextObjects(JsonNode? node, string type) => Strings(node, type, "text");
}
