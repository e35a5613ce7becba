using Communaute.Bot.Tests.Slack;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>Mentions and markup typed in a card reach the Slack member who finds it as typed: nobody is pinged, nothing is formatted.</summary>
public sealed class DirectorySlackMarkupTests
{
    private static int _ts;

    [Fact]
    public async Task A_card_with_mentions_and_markup_is_shown_on_slack_as_typed_pings_no_one_and_keeps_the_matching_words_bold()
    {
        await using var t = await SlackTestHost.StartAsync();
        // As Slack sends what a member typed: their own « < » and « > » escaped, a real @channel as its token.
        await Dm(t, "U7", "D7", "je peux aider sur : financement participatif (FSE) &lt;!channel&gt; &lt;@U123&gt; *gras* _it_ ~barré~ `code` "
                                + "&lt;https://x.example|y&gt; &lt;b&gt;html&lt;/b&gt; <!channel> @here");
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D7", 1, seconds: 20);
        await Click(t, "U7", "D7", "Oui, publier ma fiche");
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D7", 2, seconds: 20);

        await Dm(t, "U8", "D8", "qui peut m'aider sur le financement participatif ?");
        var posts = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D8", 2, seconds: 20);
        var found = string.Join("\n", posts.Select(c => c.Text()));
        Assert.Contains("1 membre a de l'expérience", found);
        foreach (var live in new[] { "<!channel>", "<@U123>", "<https://", "<b>", "@channel", "@here" }) Assert.DoesNotContain(live, found, StringComparison.Ordinal);

        // The card's text: the matching words in bold, everything typed shown as typed (look-alikes for mrkdwn's * _ ~ `).
        var card = Assert.Single(posts.SelectMany(Mrkdwn), m => m.Contains("(FSE)"));
        Assert.Equal("*financement* *participatif* (FSE) &lt;!channel&gt; &lt;@U123&gt; ∗gras∗ ˍitˍ ∼barré∼ ˋcodeˋ &lt;https://x.example|y&gt; "
                     + "&lt;b&gt;html&lt;/b&gt; @\u2060channel @\u2060here", card);
    }

    /// <summary>The mrkdwn texts of a message's blocks (section texts and fields).</summary>
    internal static IEnumerable<string> Mrkdwn(SlackCall call) =>
        call.Blocks.OfType<System.Text.Json.Nodes.JsonObject>()
            .SelectMany(b => new[] { b["text"] }.Concat(b["fields"]?.AsArray() ?? []))
            .Where(t => (string?)t?["type"] == "mrkdwn").Select(t => (string)t!["text"]!);

    private static Task Dm(SlackTestHost t, string user, string channel, string text) =>
        t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage(user, channel, text, $"1796000000.{Interlocked.Increment(ref _ts):D6}")));

    private static async Task Click(SlackTestHost t, string user, string channel, string label)
    {
        var posts = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == channel);
        var button = posts.Reverse().SelectMany(SlackTestHost.Buttons).FirstOrDefault(b => b["text"]?["text"]?.ToString().Contains(label) == true);
        Assert.NotNull(button);
        await t.PostInteractionAsync(t.Click(button!, user, channel));
    }
}
