using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>
/// The words a questionnaire understands (« pause », « passer », « retour »…) typed when none is running get a short
/// answer, never a search of the knowledge base nor a place in the curators' list of unanswered questions.
/// </summary>
public sealed class DialogWordsOutsideDialogTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("pause")]
    [InlineData("Passer")]
    [InlineData("retour")]
    [InlineData("annuler")]
    [InlineData("recommencer")]
    [InlineData("reprendre")]
    public async Task A_dialog_word_without_a_questionnaire_says_so_and_reaches_no_curator(string word)
    {
        var alice = new TestChat(_host);
        (await alice.Says(word)).Answers("Il n'y a pas de questionnaire en cours", "caractériser mon projet", "préparer mon pitch")
            .Offers("Caractériser mon projet", "Préparer mon pitch")
            .DoesNotSay("Source", "Supprimer mes données");

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        Assert.Empty(await db.UnansweredQuestions.ToListAsync());
        Assert.Empty(await db.AnswerAudits.ToListAsync());
    }

    [Fact]
    public async Task A_dialog_word_while_the_questionnaire_is_paused_says_how_to_resume()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser");
        (await alice.Says("pause")).Answers("en pause");
        (await alice.Says("passer")).Answers("« Caractériser mon projet » est en pause", "reprendre").Offers("Reprendre");
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<BotDbContext>().UnansweredQuestions.ToListAsync());
    }

    [Fact]
    public async Task Refaire_le_pitch_typed_starts_the_pitch_as_its_button_does()
    {
        var alice = new TestChat(_host);
        (await alice.Says("refaire le pitch")).Answers("Mon projet en 2 mots", "1/3").DoesNotSay("Source");
    }
}
