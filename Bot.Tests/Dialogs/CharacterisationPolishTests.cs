using Communaute.Bot.Dialogs;
using Communaute.Bot.Rendering;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Characterisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>
/// What a holder trips over in the characterisation: losing answers to one word, a question taken for an answer,
/// "je ne sais pas" shown as "Inexistant", a pitch that reads like the grid, suggestions about something else,
/// a shared profile that speaks to the wrong person.
/// </summary>
public sealed class CharacterisationPolishTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> States()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<DialogStateRecord>().CountAsync();
    }

    [SkippableFact]
    public async Task Annuler_asks_before_discarding_the_answers()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await alice.Says("fort");

        var asked = (await alice.Says("annuler")).Answers("Annuler « Caractériser mon projet » ?", "4 questions", "seront effacées", "Pause")
            .Offers("Oui, tout annuler", "Non, continuer");
        await CardValidator.AssertValidAsync(AdaptiveCardRenderer.Render(asked.Replies.Single().Card!));
        (await alice.Clicks("Non, continuer")).Answers("on continue", "2/12");
        Assert.Equal(1, await States());

        // Another answer after the question drops it: a later "oui" is not a yes to cancelling.
        await alice.Says("annuler");
        (await alice.Says("faible")).Answers("3/12");
        (await alice.Says("oui")).Answers("Je n'ai pas compris", "3/12");
        Assert.Equal(1, await States());

        await alice.Says("annuler");
        (await alice.Says("oui")).Answers("La caractérisation est annulée");
        Assert.Equal(0, await States());
    }

    [Fact]
    public async Task Annuler_before_any_answer_cancels_at_once()
    {
        var bob = new TestChat(_host, "bob");
        await bob.Says("caractériser");
        await bob.Says("commencer");
        (await bob.Says("annuler")).Answers("La caractérisation est annulée").DoesNotSay("seront effacées");
    }

    [Fact]
    public async Task A_question_typed_during_the_open_questions_is_kept_for_the_end_and_then_offered()
    {
        var alice = new TestChat(_host);
        await alice.Says("caractériser mon projet");
        await alice.Clicks("Commencer");
        (await alice.Says("C'est quoi le FISO ?"))
            .Answers("Vous posez une question ? Je la garde pour après le questionnaire", "Quel besoin social")
            .DoesNotSay("Quelle est votre réponse à ce besoin");
        (await alice.Says(CharacterisationPath.Need)).Answers("Quelle est votre réponse à ce besoin");
        await alice.Says(CharacterisationPath.Answer);
        await alice.Says(CharacterisationPath.Change);
        // During the criteria too; an answer with a note ending in "?" is still an answer.
        (await alice.Says("Qu'est-ce qu'un collectif ?")).Answers("Je la garde", "1/12");
        (await alice.Says("faible : comment trouver des partenaires ?")).Answers("2/12");
        await CharacterisationPath.AnswerCriteria(alice, CharacterisationPath.DefaultLevels[1..]);

        var done = (await alice.Clicks("Valider")).Answers("Votre profil", "vous m'avez posé des questions")
            .Offers("C'est quoi le FISO ?", "Qu'est-ce qu'un collectif ?");
        Assert.Contains(done.Replies, r => r.SuggestedActions.Any(a => a.Value == "C'est quoi le FISO ?"));
        (await alice.Clicks("C'est quoi le FISO ?")).Answers("FISO", "Source");
    }

    [Fact]
    public async Task Je_ne_sais_pas_is_listed_apart_not_as_a_level()
    {
        var alice = new TestChat(_host);
        var result = await CharacterisationPath.Complete(alice);
        var profile = result.Replies.Single(r => r.Card?.Image is not null).Card!;
        // "Viabilité économique" was answered "je ne sais pas".
        Assert.DoesNotContain(profile.Facts, f => f.Label == "Viabilité économique");
        Assert.Contains(profile.Facts, f => f.Label == "Je ne sais pas encore" && f.Value.Contains("Viabilité économique"));
        Assert.Contains("« ? »", profile.Subtitle);

        var markdown = ProfileMarkdown(alice, result);
        Assert.DoesNotContain("| Viabilité économique |", markdown);
        Assert.Contains("## Je ne sais pas encore", markdown);
        Assert.Contains("- Viabilité économique (Contexte)", markdown);
    }

    [Fact]
    public async Task The_pitch_s_third_part_is_phrased_to_be_spoken()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        await alice.Says("préparer mon pitch");
        await alice.Says("Voisins Solidaires");
        var partC = (await alice.Says("garder")).Answers("Mes axes d'amélioration", "Pour la suite, nous voulons renforcer",
            "notre modèle économique", "Vos conseils");
        // Not the grid's descriptors pasted: those are written to assess a project, not to be said to an audience.
        foreach (var criterion in Grid.Current.Criteria)
            foreach (var descriptor in criterion.Levels)
                partC.DoesNotSay(descriptor);
        partC.DoesNotSay("Progresser sur");
        (await alice.Says("garder")).Answers("Votre pitch", "Pour la suite, nous voulons renforcer");
    }

    [Fact]
    public void The_third_part_reads_as_sentences()
    {
        var grid = Grid.Current;
        var levels = grid.Criteria.ToDictionary(c => c.Id, _ => 3);
        levels["integration-beneficiaires"] = 0;
        levels["viabilite-economique"] = 1;
        levels["enjeux-environnementaux"] = 1;
        levels.Remove("ouverture-recherche");
        Assert.Equal(
            "Pour la suite, nous voulons renforcer la place des bénéficiaires dans le projet, notre modèle économique et la place de " +
            "l'environnement dans notre projet. Et nous avons une question : comment mieux mesurer nos liens avec la recherche ? " +
            "Vos conseils, vos expériences et vos contacts sur ces points nous aideraient beaucoup.",
            Communaute.Dialogs.Characterisation.PitchDialog.SpokenImprovements(Targets.For(grid, levels), Targets.Unknown(grid, levels)));
    }

    [Fact]
    public async Task Knowledge_suggestions_for_a_target_are_about_that_criterion()
    {
        var grid = Grid.Current;
        var levels = grid.Criteria.Select(c => c.Id switch
        {
            "enjeux-environnementaux" => "inexistant",
            "ouverture-recherche" => "faible",
            "viabilite-economique" => "faible",
            _ => "fort",
        }).ToArray();
        var result = await CharacterisationPath.Complete(new TestChat(_host), levels);
        var further = result.Replies.SelectMany(r => r.Card?.Sections ?? []).Single(s => s.Heading!.StartsWith("Pour aller plus loin")).Text;
        var environment = further.Split('\n').Where(l => l.Contains("« Place des enjeux environnementaux »")).ToList();
        Assert.NotEmpty(environment);
        Assert.All(environment, l => Assert.DoesNotContain("FISO", l));
        Assert.Contains(environment, l => l.Contains("transition écologique"));
        var research = further.Split('\n').Where(l => l.Contains("« Ouverture à la recherche »")).ToList();
        Assert.All(research, l => Assert.Contains("echerche", l));
    }

    [Fact]
    public async Task A_shared_profile_speaks_to_the_facilitator_not_to_the_holder()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        await alice.Clicks("Partager avec les animateurs");
        var seen = (await new TestChat(_host, "facilitator").Says("profils partagés"))
            .Answers("Profil partagé par Alice Martin", "Pour accompagner Alice Martin", "Ses 3 pistes de progression", "à explorer avec lui")
            .DoesNotSay("Vos 3 pistes", "Votre profil", "votre accompagnateur");
        Assert.Empty(seen.Choices);
        await CardValidator.AssertValidAsync(seen.Replies.Where(r => r.Card is not null).Select(r => AdaptiveCardRenderer.Render(r.Card!)).ToArray());
    }

    private string ProfileMarkdown(TestChat chat, BotSaid result)
    {
        using var scope = _host.Services.CreateScope();
        var repository = scope.ServiceProvider.GetRequiredService<ICharacterisationRepository>();
        var member = scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.Single(m => m.ChannelUserId == chat.UserId);
        var latest = repository.ForMemberAsync(member.Id, 1, CancellationToken.None).GetAwaiter().GetResult()[0];
        Assert.NotEmpty(result.Replies);
        return scope.ServiceProvider.GetRequiredService<ProfileBuilder>().Markdown(latest, null, "Alice", NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"]);
    }
}
