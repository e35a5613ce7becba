using Communaute.Knowledge.Analysis;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>What a question asks (a definition, a figure, a date, a name…) and whether a passage holds it.</summary>
public sealed class QuestionIntentTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    [Theory]
    [InlineData("qu'est-ce que l'ess ?", "ess")]
    [InlineData("c'est quoi une scic", "scic")]
    [InlineData("definition de l'innovation sociale", "innovation sociale")]
    [InlineData("les econautes a rennes c'est quoi", "les econautes a rennes")]
    [InlineData("what is social innovation?", "social innovation")]
    public void Definitions_are_recognised_with_their_subject(string question, string subject)
    {
        var intent = QuestionIntent.Read(question);
        Assert.True(intent.AsksForDefinition);
        Assert.Equal(subject, intent.Subject);
    }

    [Theory]
    [InlineData("combien de mentors participent au programme leadher", DetailKind.Count)]
    [InlineData("combien de temps dure l'accompagnement", DetailKind.Duration)]
    [InlineData("quel est le montant de la dotation", DetailKind.Amount)]
    [InlineData("quelle part du conseil est prise en charge", DetailKind.Share)]
    [InlineData("quand l'avise a-t-elle publie son dossier", DetailKind.Date)]
    [InlineData("depuis quelle annee l'avise est-elle engagee", DetailKind.Date)]
    [InlineData("qui a realise la these", DetailKind.Person)]
    [InlineData("dans quelles villes ronalpia accompagne-t-il", DetailKind.Place)]
    [InlineData("quel est le numero de telephone de ronalpia", DetailKind.Contact)]
    [InlineData("how many workshops took place", DetailKind.Count)]
    [InlineData("comment financer une etude de faisabilite", DetailKind.None)]
    public void Details_asked_are_recognised(string question, DetailKind kind) => Assert.Equal(kind, QuestionIntent.Read(question).Detail);

    [Theory]
    [InlineData("combien de mentors", "Le programme accompagne 40 mentorées grâce à 25 mentors bénévoles.", true)]
    [InlineData("combien de mentors", "Le programme réunit 40 femmes entrepreneures et des mentors confirmées.", false)]
    [InlineData("combien d'entretiens", "Une vingtaine d'entretiens ont été menés.", true)]
    [InlineData("quand", "L'étape a eu lieu le 27 mai 2014 à Bordeaux.", true)]
    [InlineData("quand", "L'étape réunit les acteurs de l'innovation.", false)]
    [InlineData("quel montant", "Le concours est doté de 800000€.", true)]
    [InlineData("quel montant", "Le concours récompense une douzaine de projets.", false)]
    [InlineData("quelle part", "La prestation est financée à 80 %.", true)]
    [InlineData("combien de temps", "L'accompagnement dure 24 mois.", true)]
    [InlineData("quel est le numero de telephone", "Contact : 05 56 00 00 00.", true)]
    [InlineData("quel est le numero de telephone", "Contactez l'équipe de Ronalpia à Lyon.", false)]
    public void A_passage_holds_the_detail_or_not(string question, string passage, bool holds)
    {
        var intent = QuestionIntent.Read(question);
        Assert.Equal(holds, DetailFinder.Contains(passage, intent, new HashSet<string>(), new FrenchTextAnalyzer()));
    }

    [Theory]
    [InlineData("Combien de mentors participent au programme LeadHer ?", "LeadHer", "le nombre de mentors")]
    [InlineData("Combien de start-up sont nées de l'événement Start-Up de territoire à Bordeaux ?", "Start-Up de territoire", "le nombre de start-up")]
    public void A_passage_on_the_subject_without_the_detail_is_cited_not_quoted(string question, string subject, string detail)
    {
        var answer = fixture.Service.Answer(question);
        Assert.Equal(AnswerKind.MissingDetail, answer.Kind);
        Assert.False(answer.Answered);
        Assert.Contains(subject, answer.Text);
        Assert.Contains("ne donne pas " + detail, answer.Text);
        Assert.NotEmpty(answer.Sources);
    }

    [Theory]
    [InlineData("Combien d'étudiants bénévoles Article 1 mobilise-t-il via la plateforme Inspire ?", "2000 étudiants")]
    [InlineData("Combien de temps dure l'accompagnement de l'incubateur Ecossoles en Pays de la Loire ?", "24 mois")]
    [InlineData("Dans quelles villes Ronalpia accompagne-t-il des entrepreneurs sociaux ?", "Saint-Étienne")]
    public void A_passage_with_the_detail_answers(string question, string expected)
    {
        var answer = fixture.Service.Answer(question);
        Assert.True(answer.Answered, answer.Decision?.Reason);
        Assert.Contains(expected, answer.Text + string.Join(' ', answer.Sources.Select(s => s.Excerpt)));
    }
}
