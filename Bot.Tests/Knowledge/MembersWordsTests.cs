using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Understanding;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>
/// Members' own words (issue 22): the field's terms defined from their sources, broad questions offered as choices,
/// off-topic questions abstaining even with a place or a field word, hedges in the member's words, places read as regions.
/// </summary>
public sealed class MembersWordsTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    private KnowledgeAnswer Ask(string q) => fixture.Service.Answer(q);

    private static string Quoted(KnowledgeAnswer a) => a.Text + " " + string.Join(" ", a.Sources.Select(s => s.Entry.Title + " " + s.Excerpt));

    [Theory]
    [InlineData("l'ESS c quoi")]
    [InlineData("Qu'est-ce que l'ESS ?")]
    [InlineData("c'est quoi l'économie sociale et solidaire ?")]
    public void The_field_s_basic_word_gets_its_statutory_definition_first(string question)
    {
        var answer = Ask(question);
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Equal("glossaire/ess-economie-sociale-et-solidaire", answer.Sources[0].Entry.Id);
        Assert.Contains("mode d'entreprendre", answer.Text);
        Assert.Contains("2014-856", answer.Sources[0].Entry.Source.Document);
    }

    [Theory]
    [InlineData("c koi une scic", "glossaire/scic-societe-cooperative-d-interet-collectif")]
    [InlineData("Qu'est-ce qu'une SCOP ?", "glossaire/scop-societe-cooperative-et-participative")]
    [InlineData("c'est quoi le mécénat de compétences", "glossaire/mecenat-de-competences")]
    [InlineData("Qu'est-ce qu'un générateur de projets ?", "glossaire/generateur-de-projets-fabrique-a-initiatives")]
    public void Acronyms_and_terms_are_defined_with_their_long_form(string question, string entry)
    {
        var answer = Ask(question);
        Assert.True(answer.Answered, question);
        Assert.Equal(entry, answer.Sources[0].Entry.Id);
    }

    [Fact]
    public void Every_glossary_entry_is_found_by_its_term_and_cited_with_a_source()
    {
        var glossary = fixture.Service.Current.Entries.Where(e => e.Id.StartsWith("glossaire/", StringComparison.Ordinal)).ToList();
        Assert.True(glossary.Count >= 25, $"{glossary.Count} fiches de glossaire");
        foreach (var entry in glossary)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Source.Document), entry.Id);
            Assert.False(string.IsNullOrWhiteSpace(entry.Source.Publisher), entry.Id);
            Assert.InRange(entry.Situations.Count, 8, 12);
            var term = KnowledgeIndexTitle(entry.Title);
            var answer = Ask($"Qu'est-ce que {term} ?");
            Assert.True(answer.Answered, $"« {term} » ({entry.Id}) : {answer.Text}");
            Assert.Contains(answer.Sources.Take(3), s => s.Entry.Id == entry.Id);
        }
    }

    /// <summary>What a glossary title names: "SCIC : …" → "SCIC".</summary>
    private static string KnowledgeIndexTitle(string title) => Communaute.Knowledge.Search.KnowledgeIndex.TitleSubject(title).Trim();

    [Theory]
    [InlineData("comment trouver un financement pour mon projet")]
    [InlineData("jai besoin daide pour monter mon asso")]
    public void A_broad_how_to_gets_choices_not_one_confident_answer(string question)
    {
        var answer = Ask(question);
        Assert.Equal(KnowledgeAnswerer.BroadLead, answer.Text);
        Assert.InRange(answer.Sources.Count, 2, 3);
    }

    [Theory]
    [InlineData("quelle est la météo demain à Lyon")]
    [InlineData("Quel temps fera-t-il ce week-end à Nantes ?")]
    public void An_off_topic_question_with_a_place_abstains(string question)
    {
        var answer = Ask(question);
        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Sources);
    }

    [Fact]
    public void An_abstention_cites_no_unrelated_passage()
    {
        var answer = Ask("quel est le taux du livret A");
        Assert.False(answer.Answered);
        Assert.StartsWith("Je ne sais pas", answer.Text);
        Assert.Empty(answer.Sources);
    }

    [Fact]
    public void A_hedge_quotes_the_member_s_words_not_the_search_key()
    {
        var answer = Ask("Qu'est-ce que la Fête des Voisins Solidaires ?");
        Assert.DoesNotContain("fete des voisins", answer.Text);
        if (answer.Kind == AnswerKind.NotDefined) Assert.Contains("Fête des Voisins Solidaires", answer.Text);
    }

    [Fact]
    public void Places_are_replaced_by_the_region_the_base_knows_and_short_everyday_names_need_a_capital()
    {
        var places = Places.Parse(["Somme, 80, Amiens = Picardie, Hauts-de-France", "Var, 83, Toulon = Provence-Alpes-Côte d'Azur"]);
        var rewrites = new List<string>();
        var text = places.ReadAsRegions("Je monte mon projet à Amiens, et un ami dans le Var.", w => w is "picardie" or "provence-alpes-cote d'azur", rewrites);
        Assert.Equal("Je monte mon projet à Picardie, et un ami dans le Provence-Alpes-Côte d'Azur.", text);
        Assert.Equal(2, rewrites.Count);
        // An everyday word is a place only with its capital: « var » in a sentence is not the Var.
        Assert.Equal("la var", places.ReadAsRegions("la var", _ => false, []));
    }

    [Fact]
    public void A_member_s_city_reaches_the_fiches_of_their_region()
    {
        var answer = Ask("Je monte mon projet à Amiens : y a-t-il un appel à projets régional pour l'innovation sociale ?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("Picardie", Quoted(answer));
        Assert.Contains("Amiens", answer.Note ?? "");
    }

    [Fact]
    public void An_english_sentence_s_first_word_is_not_an_unknown_name()
    {
        var answer = Ask("According to the 2015 panorama, what is the FISO?");
        Assert.DoesNotContain("According", answer.Text);
        Assert.Empty(answer.Decision!.Reading.UnknownNames);
    }

    [Fact]
    public void Members_own_questions_are_optional_in_a_fiche_but_read_when_present()
    {
        var (entry, problem) = KnowledgeFileParser.Parse("x/y.md", """
            ---
            id: x/y
            title: "Titre"
            source:
              document: "Doc"
              publisher: "Éditeur"
              date: "2020"
              licence: "Non précisée"
              link: ""
            section: "S"
            tags: [a]
            questions:
              - "Q ?"
            situations:
              - "On est seuls à porter le projet, est-ce un problème ?"
            ---
            Corps.
            """, DateTimeOffset.UnixEpoch);
        Assert.Null(problem);
        Assert.Equal(["On est seuls à porter le projet, est-ce un problème ?"], entry!.Situations);
    }

    [Fact]
    public void A_member_s_situation_told_in_everyday_words_does_not_count_against_the_passage()
    {
        var told = Ask("on se demande vraiment souvent et on cherche toujours beaucoup sans jamais trouver comment marche la Fabrique à initiatives");
        var asked = Ask("comment marche la Fabrique à initiatives");
        Assert.Equal(AnswerKind.Answer, told.Kind);
        Assert.Contains("abrique", told.Sources[0].Entry.Title);
        Assert.True(told.Decision!.Hits[0].Coverage >= asked.Decision!.Hits[0].Coverage);
    }
}
