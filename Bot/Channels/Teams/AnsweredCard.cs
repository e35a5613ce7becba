using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels.Teams;

/// <summary>A card whose question was answered by a click: the choice shown, no buttons or inputs left to press.</summary>
public static class AnsweredCard
{
    /// <summary>The answered version of <paramref name="reply"/>, or null when the click does not answer its card.</summary>
    public static Reply? From(Reply reply, string? promptId, string? clickedValue, bool formSubmitted)
    {
        if (reply.Card is not { } card || promptId is null || card.PromptId != promptId) return null;
        string answer;
        if (formSubmitted && card.Inputs.Count > 0) answer = "formulaire envoyé";
        else if (card.Choices.Concat(reply.SuggestedActions).FirstOrDefault(c => c.Value == clickedValue) is { } choice) answer = choice.Label;
        else return null;
        return reply with
        {
            SuggestedActions = [],
            Card = card with
            {
                Choices = [],
                Inputs = [],
                Facts = [.. card.Facts, new Fact("Votre réponse", UserText.Escape(answer))],
            },
        };
    }
}
