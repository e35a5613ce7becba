using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>The three outcomes, definitions first, acronyms resolved, paraphrases reached through concept groups.</summary>
public sealed class OutcomeTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    private KnowledgeAnswer Ask(string q) => fixture.Service.Answer(q);

    private static string Quoted(KnowledgeAnswer a) => a.Text + " " + string.Join(' ', a.Sources.Select(s => s.Entry.Title + " " + s.Excerpt));

    [Fact]
    public void A_definition_asked_prefers_the_entry_that_defines()
    {
        var answer = Ask("Qu'est-ce que l'innovation sociale ?");
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Contains("Qu'est-ce que l'innovation sociale", answer.Sources[0].Entry.Title);
        Assert.Contains("réponses nouvelles", Quoted(answer));
    }

    [Theory]
    [InlineData("Qu'est-ce qu'un MVP ?")]
    [InlineData("c quoi un MVP")]
    public void A_definition_the_base_lacks_is_said_with_the_passages_that_mention_it(string question)
    {
        // The base has no entry defining this: it says so (or gives only the long form of the acronym) before the passages.
        // (ESS, SCIC and the field's other core terms have their glossary entries: MembersWordsTests.)
        var answer = Ask(question);
        Assert.True(answer.Kind is AnswerKind.NotDefined or AnswerKind.Partial, answer.Kind.ToString());
        Assert.Matches("^(La base ne définit pas .* ; elle en parle ici|[A-Z]+ : .*La base n'en donne pas de définition détaillée)", answer.Text);
        Assert.NotEmpty(answer.Sources);
    }

    [Fact]
    public void Acronyms_resolve_to_their_expansion_before_ranking()
    {
        var concept = Ask("Quel est le rôle des CRESS ?").Decision!.Reading.Query.Concepts.Single(c => c.Surface.Contains("cress", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(concept.Variants, v => v.Count > 3);
    }

    [Theory]
    [InlineData("Je veux implanter mon entreprise sociale à Lyon, qui peut m'aider ?", "Ronalpia")]
    [InlineData("Y a-t-il un exemple d'entreprise qui reconditionne les vieux téléphones et ordinateurs ?", "Ateliers du Bocage")]
    public void Paraphrases_reach_the_entry_through_concept_groups_and_light_everyday_words(string question, string expected)
    {
        var answer = Ask(question);
        Assert.True(answer.Answered, answer.Decision?.Reason);
        Assert.Contains(expected, Quoted(answer), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Everyday_words_weigh_little()
    {
        var concepts = Ask("Je veux vraiment implanter mon projet à Lyon").Decision!.Reading.Query.Concepts;
        Assert.True(concepts.Single(c => c.Surface == "vraiment").Weight < concepts.Single(c => c.Surface == "lyon").Weight / 2);
    }

    [Theory]
    [InlineData("Quel est le montant de la dotation French Impact accordée aux Ecosolies en 2031 ?")]
    [InlineData("Quels incubateurs d'innovation sociale existent à Wallis-et-Futuna ?")]
    [InlineData("Comment obtenir le label Zorglub pour ma SCIC ?")]
    public void In_domain_questions_the_base_cannot_answer_are_not_answered(string question) => Assert.False(Ask(question).Answered, question);

    [Fact]
    public void Between_the_thresholds_the_closest_entries_are_offered_as_such()
    {
        var policy = fixture.Service.Current.Answerer.Policy;
        var index = fixture.Service.Current.Answerer.Index;
        // A policy where any covered question falls between the two thresholds.
        var partial = new KnowledgeAnswerer(index, policy with { MinCoverage = 1.01, PartialCoverage = 0.3 }).Answer("Comment financer une étude de faisabilité en Bretagne ?");
        Assert.Equal(AnswerKind.Partial, partial.Kind);
        Assert.True(partial.Answered);
        Assert.Equal(KnowledgeAnswerer.PartialLead, partial.Text);
        Assert.InRange(partial.Sources.Count, 2, 3);
    }
    [Fact]
    public void Close_entries_offered_include_one_that_covers_more_of_the_question_than_the_best()
    {
        // Over members' own questions of the base: whenever close entries are offered and one scoring at least half as
        // well as the best covers more of the question, it is among those offered.
        var checkedAnswers = 0;
        foreach (var question in fixture.Service.Current.Entries.SelectMany(e => e.Situations.Take(2)).Take(400))
        {
            var answer = Ask(question);
            if (answer.Kind != AnswerKind.Partial || answer.Text != KnowledgeAnswerer.PartialLead) continue;
            var hits = answer.Decision!.Hits;
            var best = hits[0];
            var more = hits.Where(h => h != best && h.Score >= best.Score * 0.5 && h.Coverage > best.Coverage).MaxBy(h => h.Coverage);
            if (more is null) continue;
            checkedAnswers++;
            Assert.Contains(answer.Sources, s => s.Entry.Id == more.Entry.Id);
        }
        Assert.True(checkedAnswers > 0, "aucune question ne met le mécanisme à l'épreuve");
    }
}
