using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Tests.Knowledge;

public sealed class EnglishAndLongQuestionTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    [Theory]
    [InlineData("What is social innovation?", true)]
    [InlineData("How many regions are represented in the community?", true)]
    [InlineData("Qu'est-ce que l'innovation sociale ?", false)]
    [InlineData("Le programme LeadHer est-il ouvert aux hommes ?", false)]
    [InlineData("start-up de territoire", false)]
    public void English_is_recognised(string question, bool english) => Assert.Equal(english, EnglishQuestion.IsEnglish(question));

    [Fact]
    public void The_glossary_and_cognates_carry_the_question_into_french()
    {
        var french = fixture.Service.Current.Answerer.Index.English.ToFrench("How many thematic workshops took place during the annual meeting?");
        Assert.Contains("combien de", french);
        Assert.Contains("thematique", french);
        Assert.Contains("atelier", french);
        Assert.Contains("rencontre annuelle", french);
    }

    [Theory]
    [InlineData("Which workshops did the regions run for social innovation?", "run")]
    [InlineData("Have they ever made something like a guide for incubators?", "made")]
    [InlineData("What kind of support might they really need here?", "might")]
    public void Auxiliaries_and_light_verbs_of_english_are_not_searched_for(string question, string dropped)
    {
        var french = fixture.Service.Current.Answerer.Index.English.ToFrench(question);
        Assert.DoesNotContain(dropped, french.Split(' '));
    }

    [Theory]
    [InlineData("What is social innovation?", "besoins sociaux")]
    [InlineData("Which incubator supports social enterprises in Languedoc-Roussillon?", "Alter")]
    public void An_english_question_is_answered_from_the_french_base_with_a_note(string question, string expected)
    {
        var answer = fixture.Service.Answer(question);
        Assert.True(answer.Answered, answer.Decision?.Reason);
        Assert.Equal(KnowledgeAnswerer.EnglishNote, answer.Note);
        Assert.Contains(expected, answer.Text + string.Join(' ', answer.Sources.Select(s => s.Entry.Title + " " + s.Excerpt)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_english_question_out_of_scope_is_not_answered() =>
        Assert.False(fixture.Service.Answer("What is the weather like in London tomorrow?").Answered);

    [Theory]
    [InlineData(150)]
    [InlineData(400)]
    [InlineData(2000)]
    public void A_question_of_any_length_is_answered_without_failing(int words)
    {
        var filler = string.Join(' ', Enumerable.Range(0, words).Select(i => $"mot{i} accompagnement projet territoire financement région"));
        var answer = fixture.Service.Answer(filler + " Qu'est-ce que le FISO ?");
        Assert.NotNull(answer);
    }

    [Fact]
    public void A_pasted_paragraph_is_answered_on_its_asking_sentence()
    {
        var paragraph = "Bonjour à toute l'équipe, je me permets de vous écrire car nous travaillons depuis plusieurs mois sur un projet " +
            "de conciergerie solidaire dans notre quartier, avec des habitants, des commerçants et une association d'insertion. " +
            "Nous avons déjà rencontré la mairie et plusieurs financeurs locaux, qui nous ont conseillé de nous rapprocher de réseaux " +
            "spécialisés pour structurer notre modèle économique et trouver des premiers clients. Nous hésitons encore sur le statut " +
            "juridique et sur la manière de présenter notre projet aux partenaires. Notre question est simple : qu'est-ce que le FISO " +
            "et peut-il financer un projet comme le nôtre ? Merci d'avance pour votre aide et bonne journée à vous.";
        var answer = fixture.Service.Answer(paragraph);
        Assert.True(answer.Answered, answer.Decision?.Reason);
        Assert.Contains("FISO", answer.Sources[0].Entry.Title);
        Assert.Contains("FISO", answer.Decision!.Reading.Asking, StringComparison.OrdinalIgnoreCase);
    }
}
