using Communaute.Knowledge.Analysis;

namespace Communaute.Bot.Tests.Knowledge;

public sealed class FrenchAnalysisTests
{
    private readonly FrenchTextAnalyzer _analyzer = new();

    [Theory]
    [InlineData("l'incubée", "incubés")]
    [InlineData("Économie", "economie")]
    [InlineData("accompagnements", "Accompagnement")]
    [InlineData("l'innovation", "innovations")]
    [InlineData("sociales", "social")]
    public void Elision_accents_case_and_plurals_meet(string a, string b) =>
        Assert.Equal(_analyzer.Terms(a), _analyzer.Terms(b));

    [Fact]
    public void Stop_words_are_dropped() =>
        Assert.Equal(_analyzer.Terms("projet territoires"), _analyzer.Terms("le projet et les territoires"));

    [Fact]
    public void Dotted_names_split_like_words() =>
        Assert.Equal(_analyzer.Terms("Simplon co"), _analyzer.Terms("Simplon.co"));
}
