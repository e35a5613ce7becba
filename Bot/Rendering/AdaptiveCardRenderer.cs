using System.Text.Json.Nodes;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Rendering;

/// <summary>
/// Renders the neutral card as an Adaptive Card 1.5 (Teams, the local web chat). Buttons are
/// Action.Submit whose data carries the choice's value and the card's prompt id (<see cref="SubmitData"/>).
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    /// <summary>Actions Teams shows side by side; more go in the body as a list of buttons.</summary>
    private const int MaxCardActions = 5;

    public static JsonObject Render(Card card)
    {
        var body = new JsonArray();
        if (!string.IsNullOrWhiteSpace(card.Title))
            body.Add(Text(card.Title, size: "Medium", weight: "Bolder"));
        if (!string.IsNullOrWhiteSpace(card.Subtitle))
            body.Add(Text(card.Subtitle, subtle: true));
        foreach (var section in card.Sections)
        {
            if (!string.IsNullOrWhiteSpace(section.Heading))
                body.Add(Text(section.Heading, weight: "Bolder", spacing: "Medium"));
            body.Add(Text(section.Text));
        }
        if (card.Image is { } image)
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = image.Url, ["altText"] = image.AltText, ["size"] = "Stretch" });
        if (card.Facts.Any(f => LiteralText.HasEscapes(f.Value) || LiteralText.HasEscapes(f.Label)))
            foreach (var f in card.Facts)
                body.Add(Literal(f.Value, null, null, false, "Small", prefix: new TextRun(LiteralText.Plain(f.Label) + " : ", Bold: true)));
        else if (card.Facts.Count > 0)
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(card.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value }).ToArray()),
            });
        foreach (var input in card.Inputs)
            body.Add(Input(input));

        var actions = new JsonArray();
        if (card.Inputs.Count > 0)
            actions.Add(Submit(card.SubmitLabel, card.SubmitValue, card.PromptId, ChoiceStyle.Primary, card.SubmitAction));
        var choices = card.Choices.Select(c => Submit(c.Label, c.Value, card.PromptId, c.Style, c.Action)).ToList();
        var links = card.Links.Select(l => (JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = l.Label, ["url"] = l.Url }).ToList();
        if (choices.Count + links.Count + actions.Count <= MaxCardActions)
        {
            foreach (var c in choices) actions.Add(c);
            foreach (var l in links) actions.Add(l);
        }
        else
        {
            // Long lists of choices read better stacked in the body than squeezed in an overflow menu.
            // The official parser (and Teams) also caps each ActionSet at 5 actions: stack several.
            foreach (var chunk in choices.Chunk(MaxCardActions))
                body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(chunk.Select(c => (JsonNode)c).ToArray()) });
            foreach (var l in links) actions.Add(l);
        }

        var json = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions.Count > 0) json["actions"] = actions;
        return json;
    }

    /// <summary>A text-only reply as a card (for surfaces that only show cards).</summary>
    public static JsonObject RenderText(string text) => Render(new Card { Sections = [new CardSection(null, text)] });

    private static JsonNode Text(string text, string? size = null, string? weight = null, bool subtle = false, string? spacing = null)
    {
        if (LiteralText.HasEscapes(text)) return Literal(text, size, weight, subtle, spacing);
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        if (subtle) block["isSubtle"] = true;
        if (spacing is not null) block["spacing"] = spacing;
        return block;
    }

    /// <summary>
    /// Text that carries member text (escaped characters): TextRuns, which Adaptive Cards never read as markdown, so
    /// « **Gras** » or « [lien](…) » typed by a member shows as typed, without the backslashes Teams would print.
    /// One RichTextBlock per line, in a Container.
    /// </summary>
    private static JsonObject Literal(string text, string? size, string? weight, bool subtle, string? spacing, TextRun? prefix = null)
    {
        var lines = new JsonArray();
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            var runs = LiteralText.Runs(line);
            if (prefix is not null && lines.Count == 0) runs.Insert(0, prefix);
            var inlines = new JsonArray();
            foreach (var run in runs)
            {
                var node = new JsonObject { ["type"] = "TextRun", ["text"] = run.Text };
                if (run.Bold || weight is not null) node["weight"] = run.Bold ? "Bolder" : weight;
                if (size is not null) node["size"] = size;
                if (subtle) node["isSubtle"] = true;
                if (run.Url is not null) node["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = run.Url };
                inlines.Add(node);
            }
            if (inlines.Count == 0) inlines.Add(new JsonObject { ["type"] = "TextRun", ["text"] = " " });
            var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = inlines };
            if (lines.Count > 0) block["spacing"] = "None";
            lines.Add(block);
        }
        var container = new JsonObject { ["type"] = "Container", ["items"] = lines };
        if (spacing is not null) container["spacing"] = spacing;
        return container;
    }

    private static JsonObject Submit(string title, string? value, string? promptId, ChoiceStyle style, ChoiceAction? typed = null)
    {
        var data = new JsonObject();
        foreach (var (key, v) in typed?.Data ?? []) data[key] = v;
        if (value is not null) data[SubmitData.TextKey] = value;
        if (promptId is not null) data[SubmitData.PromptKey] = promptId;
        var action = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        if (style == ChoiceStyle.Primary) action["style"] = "positive";
        if (style == ChoiceStyle.Destructive) action["style"] = "destructive";
        return action;
    }

    private static JsonObject Input(CardInput input)
    {
        JsonObject node = input.Kind switch
        {
            InputKind.Choice => new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["style"] = "expanded",
                ["choices"] = new JsonArray(input.Options.Select(o => (JsonNode)new JsonObject { ["title"] = o.Label, ["value"] = o.Value }).ToArray()),
            },
            InputKind.Number => new JsonObject { ["type"] = "Input.Number" },
            InputKind.Toggle => new JsonObject { ["type"] = "Input.Toggle", ["title"] = input.Label },
            _ => new JsonObject { ["type"] = "Input.Text", ["isMultiline"] = input.Kind == InputKind.MultilineText },
        };
        node["id"] = input.Id;
        node["label"] = input.Label;
        if (input.Required)
        {
            node["isRequired"] = true;
            node["errorMessage"] = $"« {input.Label} » est obligatoire.";
        }
        if (input.Placeholder is not null && input.Kind is InputKind.Text or InputKind.MultilineText or InputKind.Number)
            node["placeholder"] = input.Placeholder;
        if (input.Value is not null) node["value"] = input.Value;
        if (input.MaxLength is { } max && input.Kind is InputKind.Text or InputKind.MultilineText) node["maxLength"] = max;
        return node;
    }
}
