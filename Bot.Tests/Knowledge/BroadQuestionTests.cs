using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>A one-word question that many entries answer equally well gets choices, not one entry picked at random.</summary>
public sealed class BroadQuestionTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    private KnowledgeAnswer Ask(string q) => fixture.Service.Answer(q);

    [Theory]
    [InlineData("financement")]
    [InlineData("subvention")]
    [InlineData("mentorat ?")]
    [InlineData("le financement")]
    public void A_broad_question_offers_a_few_entries_to_choose_from(string question)
    {
        var answer = Ask(question);
        Assert.Equal(AnswerKind.Partial, answer.Kind);
        Assert.Equal(KnowledgeAnswerer.BroadLead, answer.Text);
        Assert.InRange(answer.Sources.Select(s => s.Entry.Id).Distinct().Count(), 2, 3);
    }

    [Theory]
    [InlineData("Qu'est-ce que l'innovation sociale ?")]
    [InlineData("Comment financer une étude de faisabilité en Bretagne ?")]
    [InlineData("When did the Salon Créer in Nord-Pas de Calais take place?")]
    public void A_precise_question_is_still_answered_directly(string question)
    {
        var answer = Ask(question);
        Assert.NotEqual(KnowledgeAnswerer.BroadLead, answer.Text);
        Assert.True(answer.Answered, answer.Decision?.Reason);
    }

    [Theory]
    [InlineData("Quel est le montant du prêt d'honneur d'Initiative Bretagne pour une association ?", "Initiative Bretagne")]
    [InlineData("Que propose Réseau Solidaire Bretagne aux incubateurs ?", "Réseau Solidaire Bretagne")]
    public void A_name_of_several_known_words_the_base_never_writes_together_is_unknown(string question, string name)
    {
        var answer = Ask(question);
        Assert.False(answer.Answered, answer.Decision?.Reason);
        Assert.Contains("« " + name + " »", answer.Text);
    }

    [Theory]
    [InlineData("Qui accompagne les projets à Ploërmel ?", "Ploërmel")]
    [InlineData("Innovation sociale à Ploërmel", "Ploërmel")]
    [InlineData("Quels incubateurs à Ploërmel ou à Josselin ?", "Ploërmel")]
    [InlineData("QUI ACCOMPAGNE LES PROJETS À Ploërmel ?", "Ploërmel")]
    public void A_one_word_name_the_base_does_not_know_is_not_corrected_into_a_common_word(string question, string name)
    {
        var answer = Ask(question);
        Assert.False(answer.Answered, answer.Decision?.Reason);
        Assert.Contains(name, answer.Decision!.Reading.UnknownNames);
    }

    [Theory]
    [InlineData("Qui accompagne les projets à Lorient ?")]
    [InlineData("Innovation sociale à Lorient")]
    public void A_city_of_the_gazetteer_is_read_as_its_region_not_as_a_nearby_word(string question)
    {
        var answer = Ask(question);
        Assert.Contains("lieu : Lorient → Bretagne", answer.Decision!.Reading.Rewrites);
        Assert.DoesNotContain("orientation", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Qui dirige Ronalpa ?", "Ronalpia")]
    [InlineData("Que fait Ronalpiaa pour les entreprises sociales ?", "Ronalpia")]
    [InlineData("Qu'est-ce que le FISO ?", "FISO")]
    [InlineData("Quel est le rôle des CRESS ?", "CRESS")]
    [InlineData("Acompagnement des projets en Bretagne ?", "Bretagne")]
    public void Slips_in_known_names_acronyms_and_capitalised_first_words_are_still_read(string question, string quoted)
    {
        var answer = Ask(question);
        Assert.Empty(answer.Decision!.Reading.UnknownNames);
        Assert.True(answer.Answered, answer.Decision.Reason);
        Assert.Contains(answer.Sources, s => (s.Entry.Title + " " + s.Excerpt).Contains(quoted, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Que fait France Active pour les entreprises sociales ?")]
    [InlineData("Que fait la Conciergerie Solidaire de Lyon ?")]
    public void A_name_the_base_writes_is_not_unknown(string question) =>
        Assert.Empty(Ask(question).Decision!.Reading.UnknownNames);
}
