using Communaute.Bot.Pipeline;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>
/// "aide" shows what a member can do as buttons, and facilitators' commands to facilitators only; the command forms
/// the manifests teach ("question …", "/communaute question …") work on every channel.
/// </summary>
public sealed class HelpTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_member_gets_their_commands_as_buttons_and_none_of_the_facilitators()
    {
        var help = (await new TestChat(_host, "membre").Says("aide"))
            .Offers("Qu'est-ce que l'innovation sociale ?", "Caractériser mon projet", "Mon profil", "Préparer mon pitch", "Mes données")
            .DoesNotSay("Pour les animateurs", "Questions sans réponse", "Recharger la base", "Statistiques caractérisation", "(animateurs)");
        Assert.DoesNotContain(help.Choices, c => c.Value is "questions sans réponse" or "recharger la base" or "aide");
        var clicked = new TestChat(_host, "membre2");
        await clicked.Says("aide");
        (await clicked.Clicks("Mon profil")).Answers("pas encore caractérisé");
    }

    [Fact]
    public async Task A_facilitator_also_gets_the_facilitator_commands()
    {
        var help = (await new TestChat(_host, "facilitator").Says("aide"))
            .Answers("Pour les animateurs", "questions sans réponse", "recharger la base", "profils partagés", "statistiques caractérisation")
            .Offers("Caractériser mon projet", "Questions sans réponse", "Préparer le digest", "Créer une session");
        // Every facilitator command is named in the text; only a few are buttons (not two dozen full-width buttons).
        Assert.InRange(help.Replies[1].Card!.Choices.Count, 1, 4);
        Assert.True(help.Choices.Count <= 20, $"{help.Choices.Count} boutons pour « aide »");
        // Their commands on a card of their own; a command both have ("digest") is one button.
        Assert.Equal(["Ce que je sais faire", "Pour les animateurs"], help.Replies.Select(r => r.Card!.Title));
        Assert.Contains(help.Replies[1].Card!.Choices, c => c.Value == "questions sans réponse");
        Assert.DoesNotContain(help.Replies[0].Card!.Choices, c => c.Value == "questions sans réponse");
        Assert.Equal(help.Choices.Select(c => c.Value).Distinct().Count(), help.Choices.Count);
    }

    [Fact]
    public async Task The_greeting_uses_the_name_the_channel_gave_and_nothing_when_there_is_none()
    {
        var alice = new TestChat(_host, "alice", "Alice Martin");
        var greeting = (await alice.Says("bonjour")).Answers("Bonjour Alice Martin !")
            .Offers("Qu'est-ce que l'innovation sociale ?", "Caractériser mon projet", "Sessions", "Digest", "Tout ce que je sais faire");
        // The first words are short: the whole list is one click away.
        Assert.Equal(5, greeting.Choices.Count);
        (await alice.Clicks("Tout ce que je sais faire")).Answers("Ce que je sais faire").Offers("Mes données", "Mon fuseau");
        (await new TestChat(_host, "anonyme", userName: null, channel: "webchat").Says("bonjour")).Answers("Bonjour ! Je suis").DoesNotSay("membre");
    }

    [Theory]
    [InlineData("msteams", "question Qu'est-ce que le FISO ?")]
    [InlineData("msteams", "question comment financer une étude de faisabilité")]
    [InlineData("slack", "/communaute question Qu'est-ce que le FISO ?")]
    [InlineData("webchat", "/communauté question : Qu'est-ce que le FISO ?")]
    [InlineData("terminal", "Question: Qu'est-ce que le FISO ?")]
    public async Task Manifest_command_prefixes_mean_the_question_on_every_channel(string channel, string typed)
    {
        var plain = await new TestChat(_host, "plain-" + channel, channel: channel).Says(typed.Contains("FISO") ? "Qu'est-ce que le FISO ?" : "comment financer une étude de faisabilité");
        var prefixed = await new TestChat(_host, "prefixed-" + channel, channel: channel).Says(typed);
        Assert.Equal(plain.Text, prefixed.Text);
        prefixed.DoesNotSay("Je ne sais pas");
    }

    [Theory]
    [InlineData("/communaute", "aide")]
    [InlineData("/communaute caractériser", "caractériser")]
    [InlineData("question", "aide")]
    [InlineData("question précédente", "question précédente")]
    [InlineData("questions sans réponse", "questions sans réponse")]
    [InlineData("questionnaire", "questionnaire")]
    [InlineData("Qu'est-ce que le FISO ?", "Qu'est-ce que le FISO ?")]
    public void Command_prefixes_are_normalised_and_nothing_else(string typed, string seen) =>
        Assert.Equal(seen, CommandPrefixes.Normalise(typed));

    [Fact]
    public async Task Question_precedente_still_goes_back_in_a_questionnaire()
    {
        var alice = new TestChat(_host, "retour");
        await Dialogs.CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await alice.Says("fort");
        (await alice.Says("question précédente")).Answers("1/12");
    }
}
