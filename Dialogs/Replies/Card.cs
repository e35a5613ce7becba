namespace Communaute.Dialogs.Replies;

/// <summary>A structured message: title, facts, sections, image, choices and a form.</summary>
public sealed record Card
{
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public IReadOnlyList<Fact> Facts { get; init; } = [];
    public IReadOnlyList<CardSection> Sections { get; init; } = [];
    public CardImage? Image { get; init; }

    /// <summary>Buttons; clicking one sends its <see cref="Choice.Value"/> as if typed.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>Form fields; sent together by the submit button.</summary>
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];
    public IReadOnlyList<CardLink> Links { get; init; } = [];

    /// <summary>Label of the form's submit button (used only when <see cref="Inputs"/> is not empty).</summary>
    public string SubmitLabel { get; init; } = "Valider";

    /// <summary>Value sent as the turn's text when the form is submitted.</summary>
    public string? SubmitValue { get; init; }

    /// <summary>The typed intent the submit button carries beside the inputs (<see cref="Intents.IntentCodec.Encode"/>), as a button's <see cref="Choice.Action"/>.</summary>
    public ChoiceAction? SubmitAction { get; init; }

    /// <summary>
    /// Identifies the question this card asks. A click or form carries it back, so an answer
    /// to a question that is no longer the current one (a second click) can be recognised.
    /// </summary>
    public string? PromptId { get; init; }
}

public sealed record Fact(string Label, string Value);

public sealed record CardSection(string? Heading, string Text);

/// <summary>An image by absolute URL or data URI (PNG).</summary>
public sealed record CardImage(string Url, string AltText);

public sealed record CardLink(string Label, string Url);

public enum ChoiceStyle { Default, Primary, Destructive }

/// <summary>A button: <paramref name="Value"/> is what clicking it "types".</summary>
public sealed record Choice(string Label, string Value, ChoiceStyle Style = ChoiceStyle.Default)
{
    /// <summary>
    /// The typed intent the click carries besides its text (e.g. rating an answer), or null. Typing
    /// <see cref="Value"/> leads to the same intent where the feature allows it (plain text has no data).
    /// </summary>
    public ChoiceAction? Action { get; init; }
}

public enum InputKind { Text, MultilineText, Choice, Number, Toggle }

public sealed record CardInput(string Id, string Label, InputKind Kind = InputKind.Text)
{
    public bool Required { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<Choice> Options { get; init; } = [];
}
