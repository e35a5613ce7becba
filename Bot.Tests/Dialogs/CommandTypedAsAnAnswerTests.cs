using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>
/// A command typed where a questionnaire waits for free text (« sessions » as a pitch, « supprimer mes données » as a
/// need) is not taken for an answer: the bot asks which one the member meant.
/// </summary>
public sealed class CommandTypedAsAnAnswerTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Sessions_typed_as_a_pitch_asks_first_then_runs_with_the_pitch_paused()
    {
        var alice = new TestChat(_host);
        (await alice.Says("préparer mon pitch")).Answers("Mon projet en 2 mots");
        (await alice.Says("sessions")).Answers("Vous voulez « Sessions » ?").Offers("Oui, Sessions", "Non, c'est ma réponse");

        var ran = await alice.Clicks("Oui, Sessions");
        Assert.Equal(2, ran.Replies.Count);
        Assert.Contains("« Préparer mon pitch » est en pause", Said(ran, 0));
        Assert.Contains("Aucune session de co-développement n'est prévue", Said(ran, 1));

        (await alice.Says("reprendre")).Answers("Reprenons", "Mon projet en 2 mots");
    }

    [Fact]
    public async Task A_second_click_on_the_question_neither_resumes_nor_stores_the_command()
    {
        var alice = new TestChat(_host);
        await alice.Says("préparer mon pitch");
        var asked = (await alice.Says("sessions")).Replies.Single().Card!;
        await alice.Clicks("Oui, Sessions");
        (await alice.ClicksValue("sessions", asked.PromptId)).Answers("question précédente", "en pause").DoesNotSay("2/3");
        (await alice.Says("reprendre")).Answers("Mon projet en 2 mots", "1/3");
    }

    [Fact]
    public async Task Oui_typed_to_the_question_runs_the_command()
    {
        var alice = new TestChat(_host);
        await alice.Says("préparer mon pitch");
        (await alice.Says("Mes sessions")).Answers("Vous voulez « Mes sessions » ?");
        (await alice.Says("oui")).Answers("est en pause", "Vous n'êtes inscrit à aucune session à venir");
    }

    [Fact]
    public async Task Keeping_it_as_the_answer_stores_the_words_as_typed()
    {
        var alice = new TestChat(_host);
        await alice.Says("préparer mon pitch");
        (await alice.Says("mes données")).Answers("Vous voulez « Mes données » ?");
        (await alice.Clicks("Non, c'est ma réponse")).Answers("Mon innovation sociale", "2/3");
        await alice.Says("Un besoin et notre réponse.");
        (await alice.Says("Des questions.")).Answers("Votre pitch", "Mon projet en 2 mots. mes données");
    }

    [Fact]
    public async Task Erasure_typed_during_the_characterisation_is_not_stored_as_the_need()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser mon projet");
        (await alice.Clicks("Commencer")).Answers("Quel besoin social");
        (await alice.Says("supprimer mes données")).Answers("Vous voulez « Supprimer mes données » ?").DoesNotSay("nouveau");
        (await alice.Clicks("Oui, Supprimer mes données")).Answers("Supprimer toutes vos données ?").Offers("Oui, tout supprimer");
    }

    [Fact]
    public async Task Any_other_reply_to_the_question_is_the_answer_to_the_open_question()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser mon projet");
        await alice.Clicks("Commencer");
        (await alice.Says("digest")).Answers("Vous voulez « Digest » ?");
        (await alice.Says(CharacterisationPath.Need)).Answers("nouveau");
    }

    private static string Said(BotSaid said, int index) => PlainTextRenderer.Render(said.Replies[index]).Text;
}
