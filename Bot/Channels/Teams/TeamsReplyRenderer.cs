using System.Text.Json;
using Communaute.Bot.Rendering;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels.Teams;

/// <summary>Renders neutral replies as Teams message activities: markdown text and/or an Adaptive Card 1.5 attachment.</summary>
public static class TeamsReplyRenderer
{
    public static Activity ToActivity(Reply reply)
    {
        var activity = new Activity { Type = "message" };
        var card = reply.Card;
        if (card is null && reply.SuggestedActions.Count > 0)
        {
            // Teams shows suggested actions only in 1:1 chats; card buttons work in every scope.
            card = new Card { Sections = [new CardSection(null, reply.Text ?? "")], Choices = reply.SuggestedActions };
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(reply.Text)) { activity.Text = reply.Text; activity.TextFormat = "markdown"; }
            if (card is not null && reply.SuggestedActions.Count > 0)
                card = card with { Choices = [.. card.Choices, .. reply.SuggestedActions] };
        }
        if (card is not null)
            activity.Attachments =
            [
                new Attachment
                {
                    ContentType = AdaptiveCardRenderer.ContentType,
                    Content = JsonSerializer.SerializeToElement(AdaptiveCardRenderer.Render(card)),
                },
            ];
        return activity;
    }

    public static Card WelcomeCard(string communityName) => new()
    {
        Title = "Bonjour et bienvenue !",
        Sections =
        [
            new CardSection(null, $"Je suis l'assistant de la {communityName}. Posez-moi vos questions sur l'accompagnement des structures de l'ESS, " +
                                   "la caractérisation des projets, les sessions de co-développement ou le digest mensuel."),
            new CardSection(null, "Dans une équipe, mentionnez-moi (@) pour que je vous réponde."),
        ],
        Choices = [new Choice("Ce que je sais faire", "aide", ChoiceStyle.Primary)],
    };
}
