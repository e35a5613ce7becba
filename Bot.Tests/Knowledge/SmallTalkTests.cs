using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Tests.Knowledge;

public sealed class SmallTalkTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    [Theory]
    [InlineData("merci", SmallTalkKind.Thanks)]
    [InlineData("ok merci", SmallTalkKind.Thanks)]
    [InlineData("Merci beaucoup pour la réponse !", SmallTalkKind.Thanks)]
    [InlineData("au revoir", SmallTalkKind.Goodbye)]
    [InlineData("bonne soirée !", SmallTalkKind.Goodbye)]
    [InlineData("qui es-tu ?", SmallTalkKind.WhoAreYou)]
    [InlineData("T'es qui toi ?", SmallTalkKind.WhoAreYou)]
    [InlineData("t'es un humain ou une IA ?", SmallTalkKind.AreYouHuman)]
    [InlineData("que sais-tu faire ?", SmallTalkKind.WhatCanYouDo)]
    [InlineData("salut, ça va ?", SmallTalkKind.HowAreYou)]
    [InlineData("👍", SmallTalkKind.Reaction)]
    [InlineData("🙂🙏", SmallTalkKind.Reaction)]
    [InlineData("ok", SmallTalkKind.Acknowledgement)]
    [InlineData("coucou", SmallTalkKind.Greeting)]
    [InlineData("lol", SmallTalkKind.Laugh)]
    public void Conversation_is_recognised(string text, SmallTalkKind kind) => Assert.Equal(kind, SmallTalk.Classify(text));

    [Theory]
    [InlineData("merci, et c'est quoi le FISO ?")]
    [InlineData("Qui est Ronalpia ?")]
    [InlineData("Qu'est-ce que l'innovation sociale ?")]
    [InlineData("ok mais comment financer une étude de faisabilité ?")]
    [InlineData("?")]
    public void Questions_are_not_small_talk(string text) => Assert.Equal(SmallTalkKind.None, SmallTalk.Classify(text));

    [Theory]
    [InlineData("coucou")]
    [InlineData("ok merci")]
    [InlineData("👍")]
    [InlineData("bonne soirée !")]
    public void Small_talk_never_reaches_the_search(string text)
    {
        var answer = fixture.Service.Answer(text);
        Assert.Equal(AnswerKind.SmallTalk, answer.Kind);
        Assert.False(answer.Answered);
        Assert.Empty(answer.Sources);
        Assert.Empty(answer.Decision!.Hits);
    }
}
