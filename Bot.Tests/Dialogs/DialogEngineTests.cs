using Communaute.Bot.Dialogs;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>The dialog engine as a member meets it: words that work anywhere, clicks and typing, restarts, bad input.</summary>
public sealed class DialogEngineTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_dialog_resumes_after_the_host_restarts_on_the_same_database()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        (await alice.Says("fort")).Answers("2/12");
        var restarted = await _host.RestartAsync();
        _host = restarted;
        alice = new TestChat(restarted);
        (await alice.Says("faible")).Answers("Intégration des bénéficiaires", "3/12");
        (await alice.Says("retour")).Answers("Richesse du collectif", "2/12");
    }

    [Fact]
    public async Task Back_goes_to_the_previous_question_and_keeps_going_from_there()
    {
        var alice = new TestChat(_host);
        (await alice.Says("caractériser")).Answers("On commence");
        (await alice.Says("retour")).Answers("première question");
        await alice.Clicks("Commencer");
        (await alice.Says("Un besoin")).Answers("nouveau");
        (await alice.Clicks("Retour")).Answers("Quel besoin social");
        (await alice.Says("Un autre besoin")).Answers("nouveau");
        await alice.Says("Une réponse");
        await alice.Says("Un changement");
        (await alice.Says("fort")).Answers("2/12");
        (await alice.Says("retour")).Answers("1/12");
        (await alice.Says("faible")).Answers("2/12");
    }

    [Fact]
    public async Task Skip_moves_on_without_an_answer_at_a_text_step_and_at_a_criterion()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser");
        await alice.Says("oui");
        (await alice.Says("passer")).Answers("nouveau");
        await alice.Says("Une réponse");
        (await alice.Clicks("Passer")).Answers("1/12");
        (await alice.Says("passer")).Answers("2/12");
        for (var i = 0; i < 11; i++) await alice.Says("faible");
        (await alice.Says("passer")).Answers("cette étape ne peut pas être passée");
        var result = await alice.Says("valider");
        result.Answers("Votre profil", "À clarifier", "Caractère collectif du projet");
        await using var scope = _host.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<CharacterisationRecord>().SingleAsync();
        Assert.DoesNotContain("besoin", record.KeyAnswersJson);
        Assert.Contains("reponse", record.KeyAnswersJson);
    }

    [Fact]
    public async Task Pause_then_resume_later_and_other_questions_still_work_meanwhile()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await alice.Says("fort");
        (await alice.Says("pause")).Answers("en pause", "reprendre").Offers("Reprendre");
        // While paused, the bot answers other things normally.
        (await alice.Says("Qu'est-ce que l'innovation sociale ?")).Answers("Source").DoesNotSay("2/12", "pas compris");
        _host.Clock.Advance(TimeSpan.FromDays(3));
        (await alice.Says("reprendre")).Answers("Reprenons", "Richesse du collectif", "2/12");
        (await alice.Says("faible")).Answers("3/12");
    }

    [Fact]
    public async Task Pause_at_the_introduction_and_resume_by_clicking_or_starting_again()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser");
        (await alice.Clicks("Pause")).Answers("en pause");
        (await alice.Says("caractériser mon projet")).Answers("Reprenons", "On commence");
    }

    [Fact]
    public async Task Cancel_at_any_step_forgets_the_answers_and_frees_the_member()
    {
        foreach (var stepsBefore in new[] { 0, 2, 6 })
        {
            var chat = new TestChat(_host, "cancel" + stepsBefore);
            await chat.Says("caractériser");
            await chat.Says("commencer");
            for (var i = 0; i < stepsBefore; i++) await chat.Says(i < 3 ? "Une réponse" : "faible");
            // With answers to lose, the bot asks first.
            if (stepsBefore > 0) (await chat.Says("annuler")).Answers("seront effacées");
            (await chat.Says(stepsBefore > 0 ? "oui" : "annuler")).Answers("annulée");
            (await chat.Says("faible")).DoesNotSay("/12");
        }
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        Assert.Empty(await db.Set<DialogStateRecord>().ToListAsync());
        Assert.Empty(await db.Set<CharacterisationRecord>().ToListAsync());
    }

    [Fact]
    public async Task Restart_starts_again_from_the_beginning()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await alice.Says("fort");
        (await alice.Says("recommencer")).Answers("depuis le début", "On commence");
        (await alice.Says("commencer")).Answers("Quel besoin social");
    }

    [Fact]
    public async Task Invalid_answers_are_re_asked_with_what_is_expected()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        (await alice.Says("très bien")).Answers("pas compris", "Inexistant", "de 1 à 5", "1/12");
        (await alice.Says("7")).Answers("pas compris", "1/12");
        (await alice.Says("😀🎉")).Answers("pas compris", "1/12");
        (await alice.Says("\u0001\u0002")).Answers("pas reçu de réponse", "1/12");
        (await alice.Says("4")).Answers("2/12");
    }

    [Fact]
    public async Task Emoji_in_a_free_answer_are_kept_and_control_characters_removed()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser");
        await alice.Says("commencer");
        (await alice.Says("Rompre l'isolement 🤝\u0007 des aînés")).Answers("nouveau");
        (await alice.Says("retour")).Answers("Quel besoin");
        await using var scope = _host.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DialogStateRecord>().SingleAsync();
        Assert.Contains("Rompre l'isolement 🤝 des aînés", DialogStateJson.TryRead(state.StateJson)!.Answers["q:besoin"]);
    }

    [Fact]
    public async Task A_ten_thousand_character_answer_is_trimmed_with_a_message()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser");
        await alice.Says("commencer");
        var bot = await alice.Says(new string('a', 10_000));
        bot.Answers("très long", "1000 premiers caractères", "nouveau");
        await using var scope = _host.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DialogStateRecord>().SingleAsync();
        Assert.Equal(1000, DialogStateJson.TryRead(state.StateJson)!.Answers["q:besoin"].Length);
    }

    [Fact]
    public async Task A_double_click_does_not_answer_twice()
    {
        var alice = new TestChat(_host);
        var criterion = await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        var card = criterion.Replies.Single(r => r.Card?.PromptId is not null).Card!;
        (await alice.Clicks("Fort")).Answers("2/12");
        (await alice.ClicksValue("faible", card.PromptId)).Answers("déjà répondu", "2/12");
        (await alice.Says("retour")).Answers("1/12");
        await using var scope = _host.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DialogStateRecord>().SingleAsync();
        Assert.Equal("fort", DialogStateJson.TryRead(state.StateJson)!.Answers["c:caractere-collectif"]);
    }

    [Fact]
    public async Task An_old_button_after_the_dialog_ended_is_refused_gently()
    {
        var alice = new TestChat(_host);
        var intro = await alice.Says("caractériser");
        var card = intro.Replies.Single(r => r.Card?.PromptId is not null).Card!;
        await alice.Says("annuler");
        (await alice.ClicksValue("commencer", card.PromptId)).Answers("déjà terminé ou annulé");
    }

    [Fact]
    public async Task Two_members_answer_at_the_same_time_in_the_same_channel()
    {
        var alice = new TestChat(_host, "alice", "Alice", conversationId: "equipe", isGroup: true);
        var bob = new TestChat(_host, "bob", "Bob", conversationId: "equipe", isGroup: true);
        await Task.WhenAll(CharacterisationPath.StartAndAnswerKeyQuestions(alice), CharacterisationPath.StartAndAnswerKeyQuestions(bob));
        (await alice.Says("caractériser")).Answers("Vous avez déjà commencé");
        var answers = await Task.WhenAll(alice.Says("fort"), bob.Says("faible"));
        answers[0].Answers("2/12");
        answers[1].Answers("2/12");
        // Bob clicks a button of Alice's card: not his question, nothing changes for either.
        var aliceCard = alice.Last!.Replies.Single(r => r.Card?.PromptId is not null).Card!;
        (await bob.ClicksValue("fort", aliceCard.PromptId)).Answers("celui d'une autre personne", "2/12");
        (await bob.Says("annuler")).Answers("seront effacées");
        (await bob.Clicks("Oui, tout annuler")).Answers("annulée");
        (await alice.Says("retour")).Answers("1/12");
        await using var scope = _host.Services.CreateAsyncScope();
        var states = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DialogStateRecord>().ToListAsync();
        Assert.Single(states);
    }

    [Fact]
    public async Task In_a_shared_conversation_the_introduction_warns_that_answers_are_visible()
    {
        (await new TestChat(_host, "alice", conversationId: "equipe", isGroup: true).Says("caractériser")).Answers("conversation partagée", "message direct");
        (await new TestChat(_host, "bob").Says("caractériser")).DoesNotSay("conversation partagée");
    }

    [Fact]
    public async Task A_corrupted_state_is_reported_and_the_member_can_start_again()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await SetStateJson("{ ceci n'est pas du JSON");
        (await alice.Says("fort")).Answers("n'a pas pu être repris", "illisibles").Offers("Recommencer");
        (await alice.Clicks("Recommencer")).Answers("On commence");
        // The rest of the bot is untouched.
        (await new TestChat(_host, "bob").Says("aide")).Answers("Ce que je sais faire");
    }

    [Fact]
    public async Task A_step_that_no_longer_exists_after_the_grid_changed_is_reported()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var row = await db.Set<DialogStateRecord>().SingleAsync();
            var state = DialogStateJson.TryRead(row.StateJson)!;
            state.StepId = "c:critere-retire";
            row.StateJson = DialogStateJson.Write(state);
            await db.SaveChangesAsync();
        }
        (await alice.Says("fort")).Answers("n'a pas pu être repris", "a changé").Offers("Recommencer");
        (await alice.Says("caractériser")).Answers("On commence");
    }

    [Fact]
    public async Task A_write_expecting_an_old_revision_loses()
    {
        await new TestChat(_host).Says("caractériser");
        await using var scope = _host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDialogStateStore>();
        var row = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DialogStateRecord>().AsNoTracking().SingleAsync();
        Assert.True(await store.SaveAsync(row.MemberId, row.ConversationId, row.DialogId, row.StateJson, row.Revision, default));
        // A second server that read the same revision cannot write over the first.
        Assert.False(await store.SaveAsync(row.MemberId, row.ConversationId, row.DialogId, row.StateJson, row.Revision, default));
        Assert.False(await store.SaveAsync(row.MemberId, row.ConversationId, row.DialogId, row.StateJson, null, default));
        Assert.False(await store.DeleteAsync(row.MemberId, row.ConversationId, row.Revision, default));
    }

    private async Task SetStateJson(string json)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var row = await db.Set<DialogStateRecord>().SingleAsync();
        row.StateJson = json;
        await db.SaveChangesAsync();
    }
}
