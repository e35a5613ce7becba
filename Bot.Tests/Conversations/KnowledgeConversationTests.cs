using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>A member talks to the bot about the community's knowledge.</summary>
public sealed class KnowledgeConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Greeting_introduces_what_the_bot_can_do()
    {
        var alice = new TestChat(_host);
        (await alice.Says("Bonjour !")).Answers("Bonjour Alice Martin", "vos questions").Offers("Tout ce que je sais faire");
        (await alice.Says("aide")).Answers("Ce que je sais faire");
        (await alice.Says("merci")).Answers("Avec plaisir");
    }

    [Fact]
    public async Task A_question_gets_a_short_cited_answer_with_follow_ups()
    {
        var alice = new TestChat(_host);
        var bot = await alice.Says("Qu'est-ce que l'innovation sociale ?");
        bot.Answers("nouvelles", "Source", "ATIS");
        Assert.NotEmpty(bot.Choices);
        Assert.True(bot.Text.Length < 2500, "la réponse doit rester courte");
    }

    [Fact]
    public async Task A_typo_still_finds_the_answer()
    {
        var bot = await new TestChat(_host).Says("c'est quoi l'inovation socilae ?");
        bot.Answers("nouvelles", "innovation sociale");
    }

    [Fact]
    public async Task A_place_the_base_never_mentions_is_not_read_as_a_nearby_word()
    {
        var alice = new TestChat(_host);
        // « Ploërmel » is a name the base does not know: never read as a nearby word.
        (await alice.Says("Qui accompagne les projets à Ploërmel ?"))
            .Answers("Je ne sais pas", "ne parle pas de « Ploërmel »").DoesNotSay("Source");
        // « Lorient » is in the gazetteer: read as Bretagne (and said so), never as « orientation ».
        (await alice.Says("Quels financements pour l'innovation sociale à Lorient ?"))
            .Answers("La base ne parle pas de Lorient", "Bretagne").DoesNotSay("orientation");
        // A slip in a name the base knows is still forgiven.
        (await alice.Says("Qui dirige Ronalpa ?")).Answers("Ronalpia", "Source");
    }

    [Fact]
    public async Task Out_of_scope_question_gets_an_honest_i_dont_know_and_is_logged_for_curators()
    {
        var alice = new TestChat(_host);
        var bot = await alice.Says("Comment faire un gâteau au chocolat ?");
        bot.Answers("Je ne sais pas").Offers("Transmettre aux animateurs").DoesNotSay("Source");

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var q = await db.UnansweredQuestions.SingleAsync();
            Assert.Equal("Comment faire un gâteau au chocolat ?", q.Text);
            Assert.Equal(UnansweredStatus.Open, q.Status);
        }

        var card = bot.Replies.Single(r => r.Card is not null).Card!;
        (await alice.Clicks("Transmettre")).Answers("transmis");
        // The same button clicked again on the same card: nothing changes, the member is told.
        (await alice.ClicksValue("transmettre", card.PromptId)).Answers("déjà");

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            Assert.Equal(UnansweredStatus.Forwarded, (await db.UnansweredQuestions.SingleAsync()).Status);
        }
    }

    [Fact]
    public async Task Facilitator_sees_unanswered_questions_and_members_do_not()
    {
        await new TestChat(_host, "bob").Says("Quel temps fera-t-il demain à Brest ?");
        (await new TestChat(_host, "bob").Says("questions sans réponse")).Answers("réservée aux animateurs");
        var facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        (await facilitator.Says("questions sans réponse")).Answers("Brest");
    }

    [Fact]
    public async Task Empty_and_whitespace_messages_get_a_clear_answer()
    {
        var alice = new TestChat(_host);
        (await alice.Says("")).Answers("vide");
        (await alice.Says("   \t \n ")).Answers("vide");
        (await alice.Says("\u0001\u0002\u200B")).Answers("vide");
    }

    [Fact]
    public async Task A_ten_thousand_character_message_is_cut_with_a_word_and_still_answered()
    {
        var text = "Qu'est-ce que l'innovation sociale ? " + new string('x', 10_000);
        var bot = await new TestChat(_host).Says(text);
        bot.Answers("très long", "2000 premiers caractères");
    }

    [Fact]
    public async Task Unknown_command_is_named_and_nothing_is_searched()
    {
        var bot = await new TestChat(_host).Says("/supercommande test");
        bot.Answers("Je ne connais pas la commande « /supercommande »").DoesNotSay("Source");
    }

    [Fact]
    public async Task Every_question_is_audited()
    {
        await new TestChat(_host).Says("Qu'est-ce que l'innovation sociale ?");
        await using var scope = _host.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<BotDbContext>().AnswerAudits.SingleAsync();
        Assert.Equal("answer", audit.Outcome);
        Assert.NotEmpty(audit.Sources);
    }
}

public sealed class UserTextEscapingTests
{
    [Fact]
    public void Markdown_and_html_typed_by_a_member_stay_literal()
    {
        var escaped = Communaute.Dialogs.Replies.UserText.Escape("**gras** [lien](http://x) <b>");
        Assert.Equal(@"\*\*gras\*\* \[lien\]\(http://x\) \<b\>", escaped);
    }
}

public sealed class DeclaredCommandsTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Sessions_and_digest_are_commands_not_searches()
    {
        var alice = new TestChat(_host);
        (await alice.Says("sessions")).DoesNotSay("arrive").DoesNotSay("Source");
        (await alice.Says("/digest")).Answers("Aucun digest n'a encore été publié").DoesNotSay("Source");
    }
}
