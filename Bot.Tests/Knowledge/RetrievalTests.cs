using Communaute.Bot.Tests.Infrastructure;
using Communaute.Knowledge;
using Communaute.Knowledge.Answering;
using Microsoft.Extensions.Logging.Abstractions;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>Retrieval and abstention on the bundled, curated base.</summary>
public sealed class RetrievalTests : IClassFixture<RetrievalTests.Base>
{
    public sealed class Base : IDisposable
    {
        /// <summary>The bundled base with its calibrated thresholds (seuils.json), as the bot serves it.</summary>
        public KnowledgeService Service { get; } = new(RepoPaths.KnowledgeBase, null, NullLogger.Instance);
        public void Dispose() => Service.Dispose();
    }

    private readonly KnowledgeService _kb;

    public RetrievalTests(Base fixture) => _kb = fixture.Service;

    [Fact]
    public void The_bundled_base_loads_without_problems()
    {
        Assert.Empty(_kb.Current.Problems);
        Assert.True(_kb.Current.Entries.Count > 200);
    }

    [Theory]
    [InlineData("Qu'est-ce que l'innovation sociale ?", "besoins sociaux")]
    [InlineData("Qu'est-ce que le FISO ?", "FISO")]
    [InlineData("qu'est ce que la fabrique a initiatives", "Fabrique à initiatives")]
    [InlineData("Quels sont les critères du groupe Portage ?", "Caractère collectif du projet")]
    public void Questions_get_the_passage_that_answers(string question, string expected)
    {
        var answer = _kb.Answer(question);
        Assert.True(answer.Answered, $"« {question} » devait avoir une réponse");
        var quoted = answer.Text + " " + string.Join(" ", answer.Sources.Select(s => s.Excerpt + " " + s.Entry.Title));
        Assert.Contains(expected, quoted, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(answer.Sources[0].Entry.Source.Publisher));
        Assert.False(string.IsNullOrWhiteSpace(answer.Sources[0].Entry.Section));
    }

    [Theory]
    [InlineData("grille de caracterisation innovation socilae critères")]
    [InlineData("qu'est ce que l'inovation sociale")]
    [InlineData("QU'EST-CE QUE LE FONDS DE CONFIANCE ?")]
    public void Typos_missing_accents_and_capitals_are_forgiven(string question) =>
        Assert.True(_kb.Answer(question).Answered, question);

    [Fact]
    public void Acronyms_meet_their_expansion()
    {
        var acronym = _kb.Answer("Quel est le rôle des CRESS ?");
        var expanded = _kb.Answer("Quel est le rôle des chambres régionales de l'économie sociale et solidaire ?");
        Assert.True(acronym.Answered && expanded.Answered);
        Assert.Contains(acronym.Sources.Take(3), s => expanded.Sources.Take(3).Any(e => e.Entry.Id == s.Entry.Id));
    }

    [Theory]
    [InlineData("Quelle heure est-il à Tokyo ?")]
    [InlineData("Comment faire un gâteau au chocolat ?")]
    [InlineData("Qui a gagné la coupe du monde de football en 2018 ?")]
    [InlineData("Comment réinitialiser mon mot de passe Windows ?")]
    [InlineData("Combien font 17 multiplié par 23 ?")]
    public void Out_of_scope_questions_are_not_answered(string question)
    {
        var answer = _kb.Answer(question);
        Assert.Equal(AnswerKind.Abstain, answer.Kind);
        Assert.Empty(answer.Sources);
    }

    [Theory]
    [InlineData("?")]
    [InlineData("qu'est-ce que c'est ?")]
    public void A_question_without_searchable_words_asks_for_more(string question) =>
        Assert.Equal(AnswerKind.Unclear, _kb.Answer(question).Kind);

    [Fact]
    public void A_definition_the_base_does_not_have_is_announced_as_a_mere_mention()
    {
        // Either the base only spells the acronym out, or it only mentions it: said before the passages, never as an answer.
        var mention = _kb.Answer("Qu'est-ce qu'un MVP ?");
        Assert.True(mention.Kind is AnswerKind.NotDefined or AnswerKind.Partial, mention.Kind.ToString());
        Assert.Matches("^(La base ne définit pas|MVP : produit minimum viable)", mention.Text);

        var definition = _kb.Answer("Qu'est-ce que le FISO ?");
        Assert.Equal(AnswerKind.Answer, definition.Kind);
    }

    [Fact]
    public void Answers_are_trimmed_to_the_sentences_that_answer()
    {
        var answer = _kb.Answer("Qu'est-ce que l'innovation sociale ?");
        Assert.True(answer.Text.Length <= _kb.Current.Answerer.Policy.MaxAnswerLength + 10, $"{answer.Text.Length} caractères");
    }

    [SkippableTheory]
    [InlineData("qa-dev.jsonl")]
    [InlineData("qa-dev2.jsonl")]
    public async Task The_development_question_sets_meet_their_targets(string name)
    {
        var file = Path.Combine(RepoPaths.Shared, "eval", name);
        Skip.IfNot(File.Exists(file) || ExternalTools.InCi, "shared/eval absent");
        var result = await Communaute.Bot.Verbs.QaEvaluation.ScoreAsync(_kb, file);
        // A floor under today's figures, not issue 22's goal (0.95, not met): measured 1.00 on qa-dev and 0.93 on qa-dev2
        // on 07/12/2026 with thresholds calibrated on the base alone (README, « Mesures »).
        const double target = 0.9;
        Assert.True(result.Answerable >= target, $"réponses justes {result.Answerable:F2} < {target} ({string.Join(' ', result.Misses)})");
        Assert.True(result.Abstained >= 0.95, $"abstentions {result.Abstained:F2} < 0.95 ({string.Join(' ', result.Misses)})");
        if (result.ByKind.TryGetValue("english", out var english))
            Assert.True((double)english.Ok / english.Total >= 0.75, $"anglais {english.Ok}/{english.Total}");
    }
}
