using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Ratings;
using Communaute.Bot.Rendering;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Rendering;

/// <summary>A button's typed intent goes out in the click's data and comes back as the same intent, on every surface.</summary>
public sealed class TypedActionTests
{
    private static readonly Card Answer = new() { Title = "FISO", Choices = [RatingIntents.UsefulButton(42), RatingIntents.NotUsefulButton(42)] };

    [Fact]
    public void An_adaptive_card_click_carries_the_rating_intent_back()
    {
        var card = AdaptiveCardRenderer.Render(Answer);
        var data = card["actions"]![1]!["data"]!;
        Assert.Equal("rate", (string?)data["action"]);
        Assert.Equal("42", (string?)data["answerId"]);
        Assert.Equal("false", (string?)data["useful"]);

        // Teams and the page hand the data to SubmitData.Read; the intent is read from the form values.
        var (text, _, form) = SubmitData.Read(JsonSerializer.SerializeToElement(data));
        Assert.Equal("pas utile", text);
        Assert.Equal(new RateAnswer(42, false), IntentCodec.Read(ChoiceAction.Read(form), typeof(RateAnswer)));
    }

    [Fact]
    public void A_slack_button_carries_the_rating_intent_back()
    {
        var value = SlackBlockKitRenderer.ChoiceValue("utile", null, RatingIntents.UsefulButton(7).Action);
        var (text, _, form) = SlackInteractions.ReadChoice(new JsonObject { ["action_id"] = "choice-1", ["value"] = value });
        Assert.Equal("utile", text);
        Assert.Equal(new RateAnswer(7, true), IntentCodec.Read(ChoiceAction.Read(form), typeof(RateAnswer)));
    }

    [Fact]
    public void Plain_text_shows_the_buttons_as_the_words_that_rate()
    {
        var (text, choices) = PlainTextRenderer.Render(Reply.Show(Answer), 1, false);
        Assert.Contains("Pas utile", text);
        Assert.Equal(["utile", "pas utile"], choices.Select(c => c.Value));
        Assert.True(RatingIntents.ReadWords("Pas utile") == false && RatingIntents.ReadWords("utile") == true);
        Assert.Null(IntentCodec.Read(new ChoiceAction("rate", new Dictionary<string, string> { ["answerId"] = "x", ["useful"] = "true" }), typeof(RateAnswer)));
    }
}
