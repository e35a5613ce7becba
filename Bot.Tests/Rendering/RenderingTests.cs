using System.Text.Json.Nodes;
using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Rendering;

/// <summary>The neutral reply model as Adaptive Card 1.5 (checked by the official parser) and as plain text.</summary>
public sealed class RenderingTests
{
    public static Card Everything => new()
    {
        Title = "Titre <b>gras</b> & « guillemets »",
        Subtitle = "Sous-titre",
        Sections = [new CardSection("Partie 1", "Du **texte** avec une [lien](https://example.org)."), new CardSection(null, "Sans titre")],
        Facts = [new Fact("Source", "Avise, 2018"), new Fact("Section", "Atelier #6")],
        Image = new CardImage("https://example.org/radar.png", "Profil du projet"),
        Inputs =
        [
            new CardInput("besoin", "Quel besoin ?", InputKind.MultilineText) { Required = true, MaxLength = 2000, Placeholder = "Décrivez…" },
            new CardInput("nom", "Nom du projet") { Value = "Projet" },
            new CardInput("niveau", "Niveau", InputKind.Choice) { Options = [new Choice("Faible", "1"), new Choice("Fort", "3")] },
            new CardInput("places", "Places", InputKind.Number),
            new CardInput("partage", "Partager avec l'animateur", InputKind.Toggle),
        ],
        SubmitLabel = "Envoyer",
        SubmitValue = "valider",
        PromptId = "p-42",
        Choices = [new Choice("Oui", "oui", ChoiceStyle.Primary), new Choice("Annuler", "annuler", ChoiceStyle.Destructive)],
        Links = [new CardLink("Lire la source", "https://example.org/doc")],
    };

    public static Card ManyChoices => new()
    {
        Title = "Choisissez",
        Choices = Enumerable.Range(1, 8).Select(i => new Choice($"Choix {i}", $"{i}")).ToList(),
        PromptId = "p-8",
    };

    [Fact]
    public void Buttons_carry_their_value_and_the_prompt_id()
    {
        var json = AdaptiveCardRenderer.Render(Everything);
        var oui = json["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Oui")!;
        Assert.Equal("Action.Submit", oui["type"]!.GetValue<string>());
        Assert.Equal("oui", oui["data"]![SubmitData.TextKey]!.GetValue<string>());
        Assert.Equal("p-42", oui["data"]![SubmitData.PromptKey]!.GetValue<string>());
        Assert.Equal("positive", oui["style"]!.GetValue<string>());
    }

    [Fact]
    public void More_choices_than_fit_go_to_the_body_as_an_action_set()
    {
        var json = AdaptiveCardRenderer.Render(ManyChoices);
        var sets = json["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").ToList();
        Assert.Equal(8, sets.Sum(s => s!["actions"]!.AsArray().Count));
        Assert.All(sets, s => Assert.True(s!["actions"]!.AsArray().Count <= 5));
    }

    [Fact]
    public void Plain_text_numbers_the_choices_for_the_terminal()
    {
        var (text, choices) = PlainTextRenderer.Render(Reply.Show(ManyChoices) with { Text = "Question ?" });
        Assert.StartsWith("Question ?", text);
        Assert.Contains("  8. Choix 8", text);
        Assert.Equal(8, choices.Count);
    }

    [SkippableFact]
    public async Task Every_card_shape_parses_with_zero_errors_in_the_official_renderer()
    {
        await CardValidator.AssertValidAsync(
            AdaptiveCardRenderer.Render(Everything),
            AdaptiveCardRenderer.Render(ManyChoices),
            AdaptiveCardRenderer.RenderText("Un simple texte"),
            AdaptiveCardRenderer.Render(new Card()));
    }

    [SkippableFact]
    public async Task The_validator_really_rejects_a_broken_card()
    {
        var broken = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Nope"}],"actions":[{"type":"Action.OpenUrl","title":"x"}]}""")!.AsObject();
        Assert.NotEmpty(await CardValidator.ProblemsAsync([broken]));
    }
}
