using Communaute.Bot.Dialogs;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Characterisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>A project holder characterises a project on the grid, from the introduction to the profile.</summary>
public sealed class CharacterisationConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_whole_path_ends_with_a_profile_targets_and_knowledge()
    {
        var alice = new TestChat(_host);
        var bot = await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        bot.Offers("Inexistant", "Faible", "Intermédiaire", "Fort", "Je ne sais pas", "Passer", "Pause");

        (await alice.Clicks("Fort")).Answers("Richesse du collectif", "2/12");
        (await alice.Says("intermediaire : il manque des bénéficiaires")).Answers("Intégration des bénéficiaires", "3/12");
        (await alice.Says("FAIBLE")).Answers("4/12");
        (await alice.Says("2")).Answers("Consistance du contenu", "5/12");
        for (var i = 0; i < 7; i++) await alice.Says("intermédiaire");
        var summary = await alice.Says("je ne sais pas");
        summary.Answers("Récapitulatif", "Caractère collectif du projet : Fort", "il manque des bénéficiaires", "Ouverture à la recherche : je ne sais pas")
            .Offers("Valider", "Corriger");

        var result = await alice.Clicks("Valider");
        result.Answers("Votre profil d'innovation sociale", "pistes de progression", "Intégration des bénéficiaires (Faible → Intermédiaire)",
                "Les bénéficiaires sont associés à travers l'implication d'un échantillon assez représentatif", "À clarifier", "Ouverture à la recherche", "Pour aller plus loin")
            .Offers("Préparer mon pitch", "Exporter");
        var card = result.Replies.Single(r => r.Card?.Image is not null).Card!;
        Assert.StartsWith("/media/", card.Image!.Url); // root-relative: the channel that renders it makes it absolute

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var record = await db.Set<CharacterisationRecord>().SingleAsync();
        Assert.Equal(Grid.Current.Version, record.GridVersion);
        Assert.Contains("personnes âgées isolées", record.KeyAnswersJson);
        Assert.Contains("il manque des b", record.NotesJson);
        var stored = EfCharacterisationRepository.ToResult(record);
        Assert.Equal(11, stored.Levels.Count);
        Assert.Equal(3, stored.Levels["caractere-collectif"]);
        Assert.False(stored.Levels.ContainsKey("ouverture-recherche"));
        Assert.NotNull(record.ChartMediaId);
        Assert.Empty(await db.Set<DialogStateRecord>().ToListAsync());
    }

    [Fact]
    public async Task The_summary_lets_the_holder_correct_a_criterion()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await CharacterisationPath.AnswerCriteria(alice);
        (await alice.Clicks("Corriger")).Answers("Quel critère");
        (await alice.Clicks("Viabilité économique")).Answers("Viabilité économique");
        (await alice.Says("fort")).Answers("Récapitulatif", "Viabilité économique : **Fort**".Replace("**", ""));
        (await alice.Clicks("Valider")).Answers("Votre profil");
    }

    [Fact]
    public async Task A_second_characterisation_shows_the_change_on_one_chart()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        _host.Clock.Advance(TimeSpan.FromDays(40));
        var levels = CharacterisationPath.DefaultLevels.ToArray();
        levels[2] = "fort";
        var bot = await CharacterisationPath.Complete(alice, levels);
        bot.Answers("Depuis la dernière fois", "En progrès", "Intégration des bénéficiaires (Faible → Fort)");
        Assert.Contains("la fois précédente", bot.Replies.Single(r => r.Card?.Image is not null).Card!.Image!.AltText);
        (await alice.Says("mon profil")).Answers("Depuis la dernière fois");
    }

    [Fact]
    public async Task The_profile_and_export_need_a_characterisation_first()
    {
        var alice = new TestChat(_host);
        (await alice.Says("mon profil")).Answers("pas encore caractérisé").Offers("Caractériser");
        (await alice.Says("exporter mon profil")).Answers("pas encore caractérisé");
    }
}
