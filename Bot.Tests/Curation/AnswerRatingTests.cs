using System.Text.RegularExpressions;
using Communaute.Bot.Curation;
using Communaute.Bot.Privacy;
using Communaute.Bot.Ratings;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Curation;

/// <summary>
/// Issue 22.5: a member rates an answer in one click (« Utile » / « Pas utile »), says what was missing if they wish,
/// and a « pas utile » reaches the curators beside the unanswered questions; fixing it tells the member.
/// </summary>
public sealed class AnswerRatingTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-rating-").FullName;
    private BotTestHost _host = null!;

    private const string Question = "Qu'est-ce que le FISO ?";

    public async Task InitializeAsync()
    {
        // A copy of the bundled base the curator may edit (a fiche is removed in one test).
        foreach (var file in Directory.EnumerateFiles(RepoPaths.KnowledgeBase, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(RepoPaths.KnowledgeBase, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Knowledge:Folder"] = _folder,
            ["Community:Facilitators:0"] = "test:facilitator",
            // The curator of the page (web chat): the list works there too.
            ["Community:Facilitators:1"] = "webchat:curatrice",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private TestChat Member(string id, string name) => new(_host, id, name, channel: "webchat", conversationId: "page-" + id);

    private TestChat PageCurator() => new(_host, "curatrice", "Camille Curatrice", channel: "webchat", conversationId: "page-curatrice");

    private async Task<T> Db<T>(Func<BotDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    private async Task<IReadOnlyDictionary<string, FicheRating>> Counts()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RatingCounts>().PerFicheAsync();
    }

    private async Task<string> OutboxOf(string conversationId) => Regex.Unescape(string.Join("\n", await Db(db => db.Set<WebChatMessage>()
        .Where(m => m.ConversationId == conversationId && m.From == WebChatSender.Bot).Select(m => m.PayloadJson).ToListAsync())));

    [Fact]
    public async Task Pas_utile_reaches_the_curators_in_the_page_and_fixing_it_tells_the_member()
    {
        var alice = Member("alice", "Alice Martin");
        (await alice.Says(Question)).Answers("FISO", "Source").Offers("Utile", "Pas utile");
        (await alice.Clicks("Pas utile")).Answers("Merci", "Qu'est-ce qui manquait ?").Offers("Passer");
        (await alice.Says("Le montant maximum d'un prêt FISO")).Answers("transmis aux curateurs").DoesNotSay("Je ne sais pas", "Source");

        var curator = PageCurator();
        (await curator.Says("questions sans réponse"))
            .Answers("Pas utile · 1 avis", Question, "Réponse donnée", "Fiche citée", "Ce qui manquait", "Le montant maximum d'un prêt FISO")
            .Offers("Corrigée par", "Écarter");

        (await curator.Clicks("Corrigée par")).Answers("marquée corrigée", "Le membre qui l'avait jugée pas utile est prévenu");
        var told = await OutboxOf("page-alice");
        Assert.Contains("Le 23 novembre, vous aviez trouvé la réponse à « Qu'est-ce que le FISO ? » pas utile", told);
        Assert.Contains("FISO", told);

        (await curator.Says("questions sans réponse")).Answers("Aucune question sans réponse").DoesNotSay("Pas utile ·");
        // Closing again tells nobody twice.
        (await curator.Says("questions sans réponse")).DoesNotSay("Pas utile ·");
        Assert.Single(Regex.Matches(await OutboxOf("page-alice"), "vous aviez trouvé la réponse"));
    }

    [Fact]
    public async Task Typed_words_right_after_an_answer_rate_it_and_a_dismissed_group_tells_nobody()
    {
        var bob = Member("bob", "Bob Durand");
        (await bob.Says("utile")).DoesNotSay("Votre avis"); // no answer yet: not a rating
        await bob.Says(Question);
        (await bob.Says("pas utile")).Answers("Qu'est-ce qui manquait ?");
        (await bob.Says("passer")).Answers("C'est noté, merci");

        var curator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        (await curator.Says("questions sans réponse")).Answers("Pas utile · 1 avis", Question).DoesNotSay("Ce qui manquait");
        (await curator.Clicks("Écarter")).Answers("écartée");
        (await curator.Says("questions sans réponse")).DoesNotSay("Pas utile ·");
        Assert.DoesNotContain("vous aviez trouvé", await OutboxOf("page-bob"));

        var carol = Member("carol", "Carol");
        await carol.Says(Question);
        (await carol.Says("utile")).Answers("Merci !");
        var fiso = Assert.Single(await Counts());
        Assert.Equal((1, 1), (fiso.Value.Useful, fiso.Value.NotUseful));
    }

    [Fact]
    public async Task A_rating_clicked_twice_counts_once()
    {
        var alice = Member("alice", "Alice Martin");
        var answer = await alice.Says(Question);
        (await alice.Clicks("Utile")).Answers("Merci !");
        var (utile, _) = answer.FindChoice("Utile");
        (await alice.ClicksValue(utile.Value, null, utile.Action)).Answers("déjà noté", "une fois");
        var (pasUtile, _) = answer.FindChoice("Pas utile");
        (await alice.ClicksValue(pasUtile.Value, null, pasUtile.Action)).Answers("déjà noté").DoesNotSay("Qu'est-ce qui manquait");
        (await alice.Says("utile")).Answers("déjà noté");

        var fiso = Assert.Single(await Counts());
        Assert.Equal((1, 0), (fiso.Value.Useful, fiso.Value.NotUseful));
        // The database itself holds one rating per member and answer.
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var first = await db.Set<AnswerRating>().SingleAsync();
        db.Add(new AnswerRating { AnswerId = first.AnswerId, MemberId = first.MemberId, Useful = false, RatedAt = first.RatedAt });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_comment_of_ten_thousand_characters_is_cut_and_says_so()
    {
        var alice = Member("alice", "Alice Martin");
        await alice.Says(Question);
        await alice.Clicks("Pas utile");
        var comment = string.Concat(Enumerable.Repeat("Il manquait les conditions d'accès pour une SCIC. ", 200))[..10_000];
        (await alice.Says(comment)).Answers("dépassait la limite de 1 000 caractères", "j'en ai gardé les 1 000 premiers", "transmis aux curateurs");

        var stored = await Db(db => db.Set<AnswerRating>().SingleAsync());
        Assert.True(stored.Comment!.Length <= AnswerRating.MaxComment);
        Assert.StartsWith("Il manquait les conditions d'accès pour une SCIC.", stored.Comment);
        (await new TestChat(_host, "facilitator", "Fanny Animatrice").Says("questions sans réponse")).Answers("Il manquait les conditions d'accès");
    }

    [Fact]
    public async Task A_member_who_erases_their_data_takes_their_ratings_identity_with_them()
    {
        var alice = Member("alice", "Alice Martin");
        await alice.Says(Question);
        await alice.Clicks("Pas utile");
        await alice.Says("Je suis Alice de l'incubateur de Brest, il manquait le montant");

        // « mes données » lists them, and the export holds the rating and its comment.
        (await alice.Says("mes données")).Answers("Réponses données et vos avis « utile » / « pas utile »");
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var memberId = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.Where(m => m.ChannelUserId == "alice").Select(m => m.Id).SingleAsync();
            var (json, counts) = await scope.ServiceProvider.GetRequiredService<PersonalDataService>().ExportAsync(memberId, "maintenant", CancellationToken.None);
            Assert.Equal(1, counts["avisSurLesReponses"]);
            Assert.Contains("pas utile", json);
            Assert.Contains("incubateur de Brest", json);
        }

        await alice.Says("supprimer mes données");
        (await alice.Clicks("Oui, tout supprimer")).Answers("Vos données sont supprimées");

        var rating = await Db(db => db.Set<AnswerRating>().SingleAsync());
        Assert.Null(rating.MemberId);
        Assert.Null(rating.ConversationId);
        Assert.Null(rating.Comment);
        var answer = await Db(db => db.Set<GivenAnswer>().SingleAsync());
        Assert.Null(answer.MemberId);
        Assert.Equal("", answer.Question);
        // Kept anonymised: the fiche's count does not change; the curators' list no longer shows it.
        Assert.Equal(1, Assert.Single(await Counts()).Value.NotUseful);
        (await new TestChat(_host, "facilitator", "Fanny Animatrice").Says("questions sans réponse")).DoesNotSay("Pas utile ·", "Brest", Question);
    }

    [Fact]
    public async Task A_rating_on_an_answer_from_a_deleted_fiche_still_reaches_the_curators()
    {
        var alice = Member("alice", "Alice Martin");
        var answer = await alice.Says(Question);
        var entryId = (await Db(db => db.Set<GivenAnswer>().SingleAsync())).Entries[0];

        File.Delete(Path.Combine(_folder, entryId + ".md"));
        var curator = PageCurator();
        (await curator.Says("recharger la base")).Answers("Base de connaissances rechargée");

        (await alice.ClicksValue("pas utile", null, answer.FindChoice("Pas utile").Choice.Action)).Answers("Qu'est-ce qui manquait ?");
        await alice.Says("La fiche a disparu ?");
        (await curator.Says("questions sans réponse")).Answers("Pas utile · 1 avis", Question, entryId, "fiche retirée de la base", "La fiche a disparu")
            .Offers("Écarter");
        (await curator.Clicks("Écarter")).Answers("écartée");
    }
}
