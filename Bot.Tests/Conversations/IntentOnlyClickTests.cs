using Communaute.Bot.Pipeline;
using Communaute.Bot.Ratings;
using Communaute.Bot.Tests.Delivery;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>
/// The buttons converted last to typed intents — the rating, the curators' lists, the failed messages, the forms — do
/// what their click does with only their intent's data (no text beside it), and a rating card posted before the
/// intents were records (kind "rate", version 1) still rates. An intent of another version, or whose arguments do not
/// read, is answered privately in French and changes nothing.
/// </summary>
public sealed class IntentOnlyClickTests : IAsyncLifetime
{
    private const string Question = "Qu'est-ce que le FISO ?";
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Every reply in order (each contains its fragment), then nothing else.</summary>
    private static void Said(BotSaid said, params string[] inOrder)
    {
        Assert.True(said.Replies.Count == inOrder.Length, $"{inOrder.Length} réponse(s) attendue(s), {said.Replies.Count} reçue(s) :\n{said.Text}");
        foreach (var (reply, fragment) in said.Replies.Zip(inOrder))
            Assert.Contains(fragment, Communaute.Bot.Rendering.PlainTextRenderer.Render(reply).Text, StringComparison.Ordinal);
    }

    /// <summary>A click on <paramref name="label"/> carrying its intent and nothing else: no text, no prompt.</summary>
    private static Task<BotSaid> ClicksIntentOnly(TestChat chat, string label) =>
        chat.ClicksValue("", null, chat.Last!.FindChoice(label).Choice.Action ?? throw new InvalidOperationException($"« {label} » ne porte pas d'intention"));

    private Task<int> RatingsAsync() => _host.DbAsync(db => db.Set<AnswerRating>().CountAsync());

    [Fact]
    public async Task Pas_utile_with_only_its_intent_rates_the_answer_and_asks_what_was_missing()
    {
        var alice = new TestChat(_host, "alice", "Alice Martin");
        Said(await alice.Says(Question), "FISO");
        Said(await ClicksIntentOnly(alice, "Pas utile"), "Qu'est-ce qui manquait ?");
        Said(await ClicksIntentOnly(alice, "Passer"), "C'est noté, merci !");
        Assert.Equal(1, await RatingsAsync());
    }

    [Fact]
    public async Task A_rating_card_posted_before_the_records_still_rates_and_another_version_changes_nothing()
    {
        var bob = new TestChat(_host, "bob", "Bob Durand");
        var answer = await bob.Says(Question);
        var answerId = answer.FindChoice("Utile").Choice.Action!.Arguments["answerId"];

        // What the hand-rolled « rate » button put in its click's data (no version key: version 1).
        Said(await bob.ClicksValue("", null, new ChoiceAction("rate", new Dictionary<string, string> { ["answerId"] = answerId, ["useful"] = "x" })), IntentDispatch.Unreadable);
        Said(await bob.ClicksValue("", null, new ChoiceAction("rate", new Dictionary<string, string> { ["answerId"] = answerId, ["useful"] = "true" }) { Version = 2 }), IntentDispatch.OldVersion);
        Assert.Equal(0, await RatingsAsync());

        Said(await bob.ClicksValue("utile", null, new ChoiceAction("rate", new Dictionary<string, string> { ["answerId"] = answerId, ["useful"] = "true" })),
            "Merci ! Votre avis aide les curateurs");
        Assert.Equal(1, await RatingsAsync());
    }

    [Fact]
    public async Task Ecarter_with_only_its_intent_dismisses_the_group_as_typing_its_command_would()
    {
        var carol = new TestChat(_host, "carol", "Carol");
        await carol.Says(Question);
        await carol.Says("pas utile");
        await carol.Says("passer");
        await carol.Says("Qu'est-ce que le FISO ?");
        await carol.Says("pas utile");

        var curator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        var list = await curator.Says("questions sans réponse");
        Said(list, "Aucune question sans réponse", "Réponses jugées « pas utiles » par les membres (1)", "Pas utile · 2 avis", "« Corrigée par »");
        Said(await ClicksIntentOnly(curator, "Écarter"), "est écartée de la liste");
        Said(await curator.Says("questions sans réponse"), "Aucune question sans réponse");

        // The same intent from a member: refused, nothing done.
        var member = new TestChat(_host, "dan", "Dan");
        Said(await member.ClicksValue("", null, list.FindChoice("Écarter").Choice.Action), "réservée aux animateurs et curateurs");
    }

    [Fact]
    public async Task Reessayer_with_only_its_intent_puts_the_failed_messages_back_in_the_queue()
    {
        await ParkedMessages.ParkAsync(_host);
        var facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        Said(await facilitator.Says("messages en échec"), "Messages en échec");
        Said(await ClicksIntentOnly(facilitator, "Réessayer"), "1 message remis dans la file d'envoi");
        // The fake connector refuses this conversation again: the message is back in the list, and the label typed does what the click did.
        Said(await facilitator.Says("Réessayer les messages en échec"), "1 message remis dans la file d'envoi");
    }

    [Fact]
    public async Task A_form_opened_and_submitted_with_only_its_intent_creates_the_session()
    {
        var facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        Said(await facilitator.Says("sessions"), "Aucune session de co-développement");
        // The button only asks for the form: its intent's data is no submission.
        var form = await ClicksIntentOnly(facilitator, "Créer une session");
        Said(form, "Nouvelle session");
        Assert.Equal("session-create", form.Replies[0].Card!.SubmitAction?.Kind);

        var values = new Dictionary<string, string> { ["titre"] = "Co-développement des incubés", ["date"] = "10/12/2026", ["heure"] = "14h00", ["lieu"] = "https://visio.example.org/codev" };
        Said(await facilitator.Submits(values, withText: false), "Session créée", "Co-développement des incubés");
    }
}
