using Communaute.Dialogs.Engine;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>The four prompt kinds read typed text and clicks alike, and say what they expect otherwise.</summary>
public sealed class AnswerParserTests
{
    private static readonly PromptSpec Levels = new()
    {
        Kind = PromptKind.Choice,
        Question = "Niveau ?",
        AllowsNote = true,
        Options = [new("Inexistant", "inexistant"), new("Faible", "faible"), new("Intermédiaire", "intermediaire"), new("Fort", "fort"), new("Je ne sais pas", "nsp")],
    };

    [Theory]
    [InlineData("fort", "fort", null)]
    [InlineData("Fort", "fort", null)]
    [InlineData("  FORT !", "fort", null)]
    [InlineData("4", "fort", null)]
    [InlineData("intermediaire", "intermediaire", null)]
    [InlineData("Intermédiaire", "intermediaire", null)]
    [InlineData("je ne sais pas", "nsp", null)]
    [InlineData("faible : nous cherchons des partenaires", "faible", "nous cherchons des partenaires")]
    [InlineData("Fort - 12 structures impliquées", "fort", "12 structures impliquées")]
    [InlineData("faible\nune note sur deux lignes", "faible", "une note sur deux lignes")]
    public void A_choice_is_read_from_its_label_value_or_number_with_an_optional_note(string text, string value, string? note)
    {
        var answer = AnswerParser.Parse(Levels, text, new Dictionary<string, string>(), out _);
        Assert.NotNull(answer);
        Assert.Equal(value, answer.Value);
        Assert.Equal(note, answer.Note);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("très fort")]
    [InlineData("🎉")]
    public void An_unknown_choice_is_refused_with_what_is_expected(string text)
    {
        Assert.Null(AnswerParser.Parse(Levels, text, new Dictionary<string, string>(), out var expected));
        Assert.Contains("« Fort »", expected);
        Assert.Contains("de 1 à 5", expected);
    }

    [Fact]
    public void A_note_from_a_form_field_goes_with_the_clicked_choice()
    {
        var answer = AnswerParser.Parse(Levels, "faible", new Dictionary<string, string> { ["note"] = "à revoir" }, out _);
        Assert.Equal(("faible", "à revoir"), (answer!.Value, answer.Note));
    }

    [Fact]
    public void A_long_note_is_cut_with_a_word()
    {
        var answer = AnswerParser.Parse(Levels, "faible : " + new string('n', 900), new Dictionary<string, string>(), out _);
        Assert.Equal(500, answer!.Note!.Length);
        Assert.Contains("500 premiers caractères", answer.Notice);
    }

    [Theory]
    [InlineData("oui", "oui")]
    [InlineData("OK", "oui")]
    [InlineData("1", "oui")]
    [InlineData("non", "non")]
    [InlineData("2", "non")]
    public void A_confirmation_reads_yes_and_no(string text, string value)
    {
        var prompt = new PromptSpec { Kind = PromptKind.Confirm, Question = "Sûr ?", Options = PromptSpec.YesNo() };
        Assert.Equal(value, AnswerParser.Parse(prompt, text, new Dictionary<string, string>(), out _)!.Value);
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("3,5", "3.5")]
    [InlineData(" 1 000 ", "1000")]
    public void A_number_is_read_in_french_notation(string text, string value)
    {
        var prompt = new PromptSpec { Kind = PromptKind.Number, Question = "Combien ?", Min = 0, Max = 5000 };
        Assert.Equal(value, AnswerParser.Parse(prompt, text, new Dictionary<string, string>(), out _)!.Value);
    }

    [Theory]
    [InlineData("douze")]
    [InlineData("-1")]
    [InlineData("9999")]
    public void A_number_out_of_range_or_not_a_number_is_refused(string text)
    {
        var prompt = new PromptSpec { Kind = PromptKind.Number, Question = "Combien ?", Min = 0, Max = 5000 };
        Assert.Null(AnswerParser.Parse(prompt, text, new Dictionary<string, string>(), out var expected));
        Assert.Equal("J'attends un nombre entre 0 et 5000.", expected);
    }

    [Fact]
    public void A_free_text_keeps_emoji_and_is_cut_at_its_maximum_without_splitting_a_surrogate_pair()
    {
        var prompt = new PromptSpec { Kind = PromptKind.Text, Question = "Votre besoin ?", MaxLength = 10 };
        Assert.Equal("Lien 🤝", AnswerParser.Parse(prompt, "Lien 🤝", new Dictionary<string, string>(), out _)!.Value);
        var cut = AnswerParser.Parse(prompt, "abcdefghi🤝xyz", new Dictionary<string, string>(), out _)!;
        Assert.Equal("abcdefghi", cut.Value);
        Assert.NotNull(cut.Notice);
        Assert.Null(AnswerParser.Parse(prompt, "  ", new Dictionary<string, string>(), out _));
    }
}
