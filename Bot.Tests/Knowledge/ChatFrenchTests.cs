using Communaute.Bot.Tests.Infrastructure;
using Communaute.Knowledge;
using Communaute.Knowledge.Understanding;
using Microsoft.Extensions.Logging.Abstractions;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>French as typed in chats, one rule at a time, against the bundled base's vocabulary.</summary>
public sealed class ChatFrenchTests(RetrievalTests.Base fixture) : IClassFixture<RetrievalTests.Base>
{
    private readonly ChatFrench _chat = fixture.Service.Current.Answerer.Index.ChatFrench;

    [Theory]
    [InlineData("quest ce que linnovation sociale", "qu'est ce que l'innovation sociale")]
    [InlineData("linnovation", "l'innovation")]
    [InlineData("lexistant", "l'existant")]
    [InlineData("jai une question", "j'ai une question")]
    [InlineData("cest quoi", "c'est quoi")]
    [InlineData("cetait quand", "c'etait quand")]
    [InlineData("quest-ce que", "qu'est-ce que")]
    public void Elisions_and_apostrophes_are_restored(string typed, string expected) => Assert.Equal(expected, _chat.Normalize(typed));

    [Theory]
    [InlineData("c quoi l'ESS", "c'est quoi l'ess")]
    [InlineData("les econautes c koi", "les econautes c'est quoi")]
    [InlineData("pk utiliser le mentorat", "pourquoi utiliser le mentorat")]
    [InlineData("le mentorat ds un incubateur", "le mentorat dans un incubateur")]
    [InlineData("stp qu'est-ce que le FISO svp", "qu'est-ce que le fiso")]
    [InlineData("rupture sa veut dire quoi", "rupture ca veut dire quoi")]
    public void Sms_forms_are_read(string typed, string expected) => Assert.Equal(expected, _chat.Normalize(typed));

    [Theory]
    [InlineData("innovationsociale", "innovation sociale")]
    [InlineData("economiesociale", "economie sociale")]
    public void Glued_words_are_split_against_the_vocabulary(string typed, string expected) => Assert.Equal(expected, _chat.Normalize(typed));

    [Theory]
    [InlineData("completes")]
    [InlineData("lilloise")]
    [InlineData("marseillaises")]
    public void An_inflected_or_unknown_word_is_not_cut_into_a_trailing_small_word(string word) => Assert.Equal(word, _chat.Normalize(word));

    [Theory]
    [InlineData("Économie SOCIALE", "economie sociale")]
    [InlineData("l’innovation", "l'innovation")]
    public void Accents_case_and_curly_apostrophes_are_folded(string typed, string expected) => Assert.Equal(expected, _chat.Normalize(typed));

    [Theory]
    [InlineData("cetait qaund", "c'etait quand")]
    [InlineData("combein de projets", "combien de projets")]
    [InlineData("commnet financer", "comment financer")]
    public void Swapped_or_missing_letters_in_asking_words_are_corrected(string typed, string expected) => Assert.Equal(expected, _chat.Normalize(typed));

    [Theory]
    [InlineData("dont")]
    [InlineData("ronalpia")]
    [InlineData("lyon")]
    [InlineData("leadher")]
    public void Ordinary_and_known_words_are_left_alone(string word) => Assert.Equal(word, _chat.Normalize(word));

    [Theory]
    [InlineData("quest ce que linnovation social", "réponses nouvelles")]
    [InlineData("incubatuer innovation socialle languedoc rousillon", "Alter")]
    [InlineData("c quoi le fiso", "FISO")]
    public void Chat_typing_finds_the_answer(string question, string expected)
    {
        var answer = fixture.Service.Answer(question);
        Assert.True(answer.Answered, question + " : " + answer.Decision?.Reason);
        Assert.Contains(expected, answer.Text + string.Join(' ', answer.Sources.Select(s => s.Entry.Title + " " + s.Excerpt)), StringComparison.OrdinalIgnoreCase);
    }
}
