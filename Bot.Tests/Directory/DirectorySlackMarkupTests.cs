using Communaute.Bot.Tests.Slack;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>Mentions and markup typed in a card reach the Slack member who finds it as typed: nobody is pinged, nothing is formatted.</summary>
public sealed class DirectorySlackMarkupTests
{
    private static int _ts;

    [Fact]
    public async Task A_card_with_mentions_and_markup_is_shown_on_slack_as_typed_and_pings_no_one()
    {
        await using var t = await SlackTestHost.StartAsync();
        // As Slack sends what a member typed: their own « < » and « > » escaped, the real mention of @channel as a token.
        await Dm(t, "U7", "D7", "je peux aider sur : financement participatif &lt;!channel&gt; &lt;@U123&gt; *gras* &lt;b&gt;html&lt;/b&gt; <!channel>");
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D7", 1, seconds: 20);
        await Click(t, "U7", "D7", "Oui, publier ma fiche");
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D7", 2, seconds: 20);

        await Dm(t, "U8", "D8", "qui peut m'aider sur le financement participatif ?");
        var found = string.Join("\n", (await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D8", 2, seconds: 20)).Select(c => c.Text()));
        Assert.Contains("1 membre a de l'expérience", found);
        Assert.Contains("participatif", found.Split("expérience sur", 2)[1]);
        Assert.DoesNotContain("<!channel>", found);
        Assert.DoesNotContain("<@U123>", found);
        Assert.Contains("&lt;!channel&gt;", found);
        Assert.Contains("&lt;b&gt;html&lt;/b&gt;", found);
    }

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
