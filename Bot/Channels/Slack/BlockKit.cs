using System.Text.Json;
using System.Text.Json.Serialization;

namespace Communaute.Bot.Channels.Slack;

// A typed subset of Slack's Block Kit: what the renderer produces, serialised with snake_case names
// ("image_url", "action_id") and the "type" discriminator Slack expects.

public static class BlockKitJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>A text object: "plain_text" (labels, buttons, headers) or "mrkdwn" (escaped Slack markup).</summary>
public sealed record TextObject(string Type, string Text)
{
    public static TextObject Plain(string text) => new("plain_text", text);
    public static TextObject Mrkdwn(string text) => new("mrkdwn", text);
}

public sealed record OptionObject(TextObject Text, string Value);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ImageBlock), "image")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(InputBlock), "input")]
public abstract record Block
{
    public string? BlockId { get; init; }
}

public sealed record SectionBlock : Block
{
    public TextObject? Text { get; init; }
    public IReadOnlyList<TextObject>? Fields { get; init; }
}

public sealed record HeaderBlock(TextObject Text) : Block;

public sealed record DividerBlock : Block;

public sealed record ContextBlock(IReadOnlyList<ContextElement> Elements) : Block;

public sealed record ImageBlock(string ImageUrl, string AltText) : Block;

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block;

public sealed record InputBlock(TextObject Label, InputElement Element) : Block
{
    public bool Optional { get; init; }
    public TextObject? Hint { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ContextMrkdwn), "mrkdwn")]
[JsonDerivedType(typeof(ContextImage), "image")]
public abstract record ContextElement;

public sealed record ContextMrkdwn(string Text) : ContextElement;

public sealed record ContextImage(string ImageUrl, string AltText) : ContextElement;

/// <summary>A button: either sends <see cref="Value"/> back (block_actions) or opens <see cref="Url"/>.</summary>
public sealed record ButtonElement(TextObject Text, string ActionId)
{
    [JsonPropertyOrder(-1)]
    public string Type => "button";
    public string? Value { get; init; }
    public string? Url { get; init; }

    /// <summary>"primary" or "danger"; null for the default style.</summary>
    public string? Style { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PlainTextInput), "plain_text_input")]
[JsonDerivedType(typeof(NumberInput), "number_input")]
[JsonDerivedType(typeof(StaticSelect), "static_select")]
[JsonDerivedType(typeof(Checkboxes), "checkboxes")]
public abstract record InputElement(string ActionId);

public sealed record PlainTextInput(string ActionId) : InputElement(ActionId)
{
    public bool? Multiline { get; init; }
    public int? MaxLength { get; init; }
    public string? InitialValue { get; init; }
    public TextObject? Placeholder { get; init; }
}

public sealed record NumberInput(string ActionId, bool IsDecimalAllowed) : InputElement(ActionId)
{
    public string? InitialValue { get; init; }
    public TextObject? Placeholder { get; init; }
}

public sealed record StaticSelect(string ActionId, IReadOnlyList<OptionObject> Options) : InputElement(ActionId)
{
    public TextObject? Placeholder { get; init; }
    public OptionObject? InitialOption { get; init; }
}

public sealed record Checkboxes(string ActionId, IReadOnlyList<OptionObject> Options) : InputElement(ActionId)
{
    public IReadOnlyList<OptionObject>? InitialOptions { get; init; }
}

/// <summary>One chat message: the notification text and the blocks.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks);

/// <summary>A modal (views.open).</summary>
public sealed record ModalView(TextObject Title, IReadOnlyList<Block> Blocks)
{
    [JsonPropertyOrder(-1)]
    public string Type => "modal";
    public TextObject? Submit { get; init; }
    public TextObject? Close { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
}
