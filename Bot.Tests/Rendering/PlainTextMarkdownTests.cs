using Communaute.Bot.Rendering;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Rendering;

/// <summary>The terminal shows the replies' light markdown as a terminal shows text.</summary>
public sealed class PlainTextMarkdownTests
{
    [Theory]
    [InlineData("**Fort** : le collectif", false, "Fort : le collectif")]
    [InlineData("**Fort** : le collectif", true, "\u001b[1mFort\u001b[22m : le collectif")]
    [InlineData("_Répondez en quelques phrases._", false, "Répondez en quelques phrases.")]
    [InlineData("voir [la source](https://www.avise.org) ici", false, "voir la source (https://www.avise.org) ici")]
    [InlineData("nom\\_de\\_fichier et 3 \\* 4", false, "nom_de_fichier et 3 * 4")]
    [InlineData("\\*\\*pas gras\\*\\*", false, "**pas gras**")]
    [InlineData("mon_identifiant_slack", false, "mon_identifiant_slack")]
    public void Markdown_is_rendered_for_a_terminal(string markdown, bool ansi, string shown) =>
        Assert.Equal(shown, PlainTextRenderer.Markdown(markdown, ansi));

    [Fact]
    public void A_card_keeps_its_numbered_choices_and_loses_its_markup()
    {
        var (text, choices) = PlainTextRenderer.Render(new Reply
        {
            Card = new Card
            {
                Title = "Récapitulatif",
                Sections = [new CardSection("Portage", "- Caractère collectif du projet : **Fort**")],
                Choices = [new Choice("Valider", "valider"), new Choice("Corriger un critère", "corriger")],
            },
        });
        Assert.Contains("- Caractère collectif du projet : Fort", text);
        Assert.Contains("  1. Valider", text);
        Assert.Contains("  2. Corriger un critère", text);
        Assert.DoesNotContain("**", text);
        Assert.Equal(2, choices.Count);
    }
}
