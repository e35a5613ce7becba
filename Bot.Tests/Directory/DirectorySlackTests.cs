using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Slack;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>The directory over Slack's signed events and interactivity, answered through the fake Web API.</summary>
public sealed class DirectorySlackTests
{
    private static int _ts;

    [Fact]
    public async Task On_slack_a_member_publishes_another_finds_and_asks_and_both_are_introduced_in_their_direct_messages()
    {
        await using var t = await SlackTestHost.StartAsync();
        await Dm(t, "U7", "D7", "je peux aider sur : financement participatif, statut SCIC");
        Assert.Contains("brouillon", (await Posts(t, "D7", 1))[0].Text());
        await Click(t, "U7", "D7", "Oui, publier ma fiche");
        Assert.Contains("Votre fiche est publiée", (await Posts(t, "D7", 2))[1].Text());

        await Dm(t, "U8", "D8", "qui peut m'aider sur le financement ?");
        var found = await Posts(t, "D8", 3);
        Assert.Contains("1 membre a de l'expérience", found[0].Text());
        Assert.Contains(found.SelectMany(DirectorySlackMarkupTests.Mrkdwn), m => m.Contains("*financement* participatif", StringComparison.Ordinal));
        await Click(t, "U8", "D8", "Demander une mise en relation");
        Assert.Contains("Demande envoyée", (await Posts(t, "D8", 4))[3].Text());

        var request = (await Posts(t, "D7", 3))[2];
        Assert.Contains("aimerait échanger avec vous sur", request.Text());
        await Click(t, "U7", "D7", "Accepter");
        Assert.Contains("Mise en relation acceptée", (await Posts(t, "D7", 4))[3].Text());
        var told = (await Posts(t, "D8", 5))[4];
        Assert.Contains("accepte d'échanger avec vous", told.Text());
        Assert.Contains("sur Slack", told.Text());
    }

    private static Task Dm(SlackTestHost t, string user, string channel, string text) =>
        t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage(user, channel, text, $"1795000000.{Interlocked.Increment(ref _ts):D6}")));

    private static async Task<List<SlackCall>> Posts(SlackTestHost t, string channel, int count) =>
        (await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == channel, count, seconds: 20)).ToList();

    /// <summary>Clicks the last button with this label the bot posted in the channel.</summary>
    private static async Task Click(SlackTestHost t, string user, string channel, string label)
    {
        var posts = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == channel);
        JsonObject? button = posts.Reverse().SelectMany(SlackTestHost.Buttons).FirstOrDefault(b => b["text"]?["text"]?.ToString().Contains(label) == true);
        Assert.NotNull(button);
        await t.PostInteractionAsync(t.Click(button!, user, channel));
    }
}

internal static class SlackCallText
{
    /// <summary>Every string of the call (fallback text and blocks), unescaped.</summary>
    public static string Text(this SlackCall call) => call.Str("text") + "\n" + string.Join("\n", Strings(call.Blocks));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

}
