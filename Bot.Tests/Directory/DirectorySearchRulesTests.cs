using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>The search's rules, without a database: French analysis, synonyms, typos, regions, questions read as people ask.</summary>
public sealed class DirectorySearchRulesTests
{
    private static readonly DirectoryAnalysis Analysis = DirectoryAnalysis.Load(RepoPaths.KnowledgeBase);

    private static readonly CardDocument[] Cards =
    [
        new(1, "Bruno", "Financement participatif, statut SCIC, essaimage en zone rurale", null, "La Ruche", "Normandie", null),
        new(2, "Chloé", "Subventions européennes (FSE), montage de dossiers", null, null, "La Réunion", "Saint-Denis"),
        new(3, "Dario", "Gouvernance partagée, société coopérative d'intérêt collectif", null, null, "Bretagne", null),
        new(4, "Emma", "Mécénat de compétences et bénévolat", null, null, "Occitanie", null),
    ];

    private static readonly DirectoryIndex Index = new(Analysis, Cards);

    private static long[] Search(string text)
    {
        var q = DirectoryQuestion.Read(text) ?? DirectoryQuestion.Of(text);
        return Index.Search(q.Topic, q.Region, 5).Select(m => m.Card.MemberId).ToArray();
    }

    [Theory]
    [InlineData("qui peut m'aider sur le financement ?", new long[] { 1, 2 })]
    [InlineData("qui a déjà monté une SCIC ?", new long[] { 1, 3 })]
    [InlineData("quelqu'un connaît l'essaimage en Normandie ?", new long[] { 1 })]
    [InlineData("quelqu'un connaît l'essaimage en Bretagne ?", new long[0])]
    [InlineData("qui s'y connaît en fonds social européen ?", new long[] { 2 })]
    [InlineData("qui peut m'aider sur le finacement participatf", new long[] { 1 })]
    [InlineData("qui a de l'expérience sur le bénévolat à la Réunion ?", new long[0])]
    [InlineData("qui a de l'expérience en outre-mer sur les subventions ?", new long[] { 2 })]
    [InlineData("qui peut m'aider sur la recette de la tarte tatin ?", new long[0])]
    [InlineData("qui peut m'aider sur la météo ?", new long[0])]
    [InlineData("qui pourrait apporter un cas sur le financement ?", new long[] { 1, 2 })]
    public void Questions_find_the_cards_that_match_and_only_those(string question, long[] expected) =>
        Assert.Equal(expected.Order(), Search(question).Order());

    [Theory]
    [InlineData("qui peut m'aider sur le financement ?", "le financement", null)]
    [InlineData("Quelqu’un connaît l’essaimage en Normandie ?", "l’essaimage", "Normandie")]
    [InlineData("qui a déjà monté une SCIC à la Réunion ?", "monté une SCIC", "La Réunion")]
    [InlineData("qui peut m'aider pour animer une réunion ?", "animer une réunion", null)]
    [InlineData("annuaire", "", null)]
    public void Questions_are_read_as_a_subject_and_a_region(string question, string topic, string? region)
    {
        var q = DirectoryQuestion.Read(question);
        Assert.NotNull(q);
        Assert.Equal((topic, region), (q!.Topic, q.Region));
    }

    [Theory]
    [InlineData("Qu'est-ce que le FISO ?")]
    [InlineData("Qui finance l'innovation sociale ?")]
    [InlineData("quels sont les critères ?")]
    public void Questions_for_the_knowledge_base_are_not_taken(string question) => Assert.Null(DirectoryQuestion.Read(question));

    [Fact]
    public void Matching_words_are_highlighted_and_the_rest_is_shown_as_typed()
    {
        var match = Index.Search("financement <b>", null, 1).Single();
        var text = Highlighter.Highlight("Financement *participatif* <b>", match.Highlight, Analysis);
        Assert.Equal(@"**Financement** \*participatif\* \<b\>", text);
    }

    [Fact]
    public void The_commands_read_requests_answers_and_pauses_into_the_intents_the_buttons_carry()
    {
        Assert.Equal(new RequestIntroduction(42, "le financement"), DirectoryCommands.Parse("mise en relation 42 : le financement"));
        Assert.Equal(new AcceptIntroduction(7), DirectoryCommands.Parse("accepter la mise en relation 7"));
        Assert.Equal(new DeclineIntroduction(7), DirectoryCommands.Parse("Décliner la mise en relation 7"));
        Assert.Equal(new BlockMember(7), DirectoryCommands.Parse("bloquer la mise en relation 7"));
        Assert.Equal(new PauseIntroductions("jusqu'au 15 mars"), DirectoryCommands.Parse("pas de mise en relation jusqu'au 15 mars"));
        Assert.Equal(new DescribeExperience("financement participatif, statut SCIC"), DirectoryCommands.Parse("Je peux aider sur : financement participatif, statut SCIC"));
        Assert.Null(DirectoryCommands.Parse("fiche 002-grille"));
    }
}
