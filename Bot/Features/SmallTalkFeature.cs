using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Features;

/// <summary>
/// Conversation that is not a question — thanks, goodbye, "qui es-tu ?", "que sais-tu faire ?", an emoji — gets a short
/// answer of its own, never a knowledge search nor a place in the curators' list. (Greetings and "aide" are the help's.)
/// </summary>
public sealed class SmallTalkFeature : ITurnFeature
{
    public int Order => TurnOrder.SmallTalk;

    private static readonly Choice Example = AnswerReplies.Ask("Qu'est-ce que l'innovation sociale ?");
    private static readonly Choice Help = new Choice("Ce que je sais faire", "aide").Doing(new ShowHelp());

    public Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var kind = SmallTalk.Classify(context.Text);
        if (kind == SmallTalkKind.None) return Task.FromResult(false);
        context.Send(kind switch
        {
            SmallTalkKind.Thanks => Reply.Say("Avec plaisir ! N'hésitez pas si vous avez une autre question."),
            SmallTalkKind.Goodbye => Reply.Say("Au revoir, et à bientôt dans la communauté !"),
            SmallTalkKind.Greeting => With($"Bonjour {context.Member.DisplayName} ! Posez-moi une question sur la communauté, ou tapez « aide ».", Example, Help),
            SmallTalkKind.HowAreYou => With("Très bien, merci ! Que puis-je faire pour vous ? Posez-moi une question sur la communauté.", Example, Help),
            SmallTalkKind.WhoAreYou => With("Je suis le bot de la Communauté émergence & accélération : je réponds à vos questions à partir de la base " +
                                            "de connaissances de la communauté, en citant mes sources, et je vous aide à caractériser votre projet.", Example, Help),
            SmallTalkKind.AreYouHuman => With("Je suis un bot, pas une personne : je réponds à partir de la base de connaissances de la communauté. " +
                                              "Pour parler à un animateur, posez votre question et choisissez « Transmettre aux animateurs ».", Example),
            SmallTalkKind.WhatCanYouDo => With("Je réponds aux questions sur l'accompagnement de l'ESS et de l'innovation sociale, en citant mes sources, " +
                                               "et je vous aide à caractériser votre projet.", Help, Example),
            SmallTalkKind.Apology => Reply.Say("Aucun souci ! Je vous écoute."),
            SmallTalkKind.Laugh => Reply.Say("😊 Je vous écoute si vous avez une question."),
            SmallTalkKind.Insult => With("Désolé de ne pas vous avoir aidé. Reformulez votre question, ou transmettez-la aux animateurs après ma réponse.", Help),
            SmallTalkKind.Reaction => Reply.Say("👍"),
            _ => Reply.Say("Très bien. N'hésitez pas si vous avez une question."),
        });
        return Task.FromResult(true);
    }

    private static Reply With(string text, params Choice[] choices) => new() { Text = text, SuggestedActions = choices };
}
