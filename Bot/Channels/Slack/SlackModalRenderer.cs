using System.Globalization;
using System.Text.Json.Nodes;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// A card with inputs as a Slack modal (one input block per field, block id = the input's id), and the checks of a
/// submission against the card: required fields, lengths, known options, numbers. Errors go back with response_action "errors".
/// </summary>
public static class SlackModalRenderer
{
    public const string CallbackId = "communaute_form";
    public const string ValueActionId = "value";
    public const int MaxTitle = 24;
    public const int MaxLabel = 2000;
    public const int MaxPlaceholder = 150;
    public const int MaxOptionText = 75;
    public const int MaxOptionValue = 150;
    public const int MaxOptions = 100;
    public const int MaxTextInput = 3000;
    public const int MaxModalBlocks = 100;

    public static ModalView Render(Card card, string privateMetadata)
    {
        var blocks = new List<Block>();
        foreach (var section in card.Sections)
        {
            var text = string.IsNullOrWhiteSpace(section.Heading) ? section.Text : $"**{section.Heading}**\n{section.Text}";
            foreach (var piece in SlackMrkdwn.Split(SlackMrkdwn.FromMarkdown(text), SlackBlockKitRenderer.MaxSectionText))
                blocks.Add(new SectionBlock { Text = TextObject.Mrkdwn(piece) });
        }
        foreach (var input in card.Inputs)
            blocks.Add(Input(input));
        return new ModalView(TextObject.Plain(SlackMrkdwn.Clip(string.IsNullOrWhiteSpace(card.Title) ? "Formulaire" : card.Title, MaxTitle)),
            blocks.Take(MaxModalBlocks).ToList())
        {
            Submit = TextObject.Plain(SlackMrkdwn.Clip(card.SubmitLabel, MaxTitle)),
            Close = TextObject.Plain("Annuler"),
            CallbackId = CallbackId,
            PrivateMetadata = privateMetadata,
        };
    }

    /// <summary>A modal that only says something (an expired form).</summary>
    public static ModalView Notice(string title, string text) =>
        new(TextObject.Plain(SlackMrkdwn.Clip(title, MaxTitle)), [new SectionBlock { Text = TextObject.Mrkdwn(SlackMrkdwn.Escape(text)) }])
        { Close = TextObject.Plain("Fermer") };

    private static InputBlock Input(CardInput input)
    {
        var label = TextObject.Plain(SlackMrkdwn.Clip(input.Label, MaxLabel));
        var placeholder = input.Placeholder is { Length: > 0 } p ? TextObject.Plain(SlackMrkdwn.Clip(p, MaxPlaceholder)) : null;
        InputElement element = input.Kind switch
        {
            InputKind.Choice when input.Options.Count > 0 => new StaticSelect(ValueActionId, input.Options.Take(MaxOptions).Select(Option).ToList())
            {
                Placeholder = placeholder ?? TextObject.Plain("Choisissez…"),
                InitialOption = input.Options.FirstOrDefault(o => o.Value == input.Value) is { } initial ? Option(initial) : null,
            },
            InputKind.Number => new NumberInput(ValueActionId, IsDecimalAllowed: true) { InitialValue = input.Value, Placeholder = placeholder },
            InputKind.Toggle => new Checkboxes(ValueActionId, [new OptionObject(TextObject.Plain(SlackMrkdwn.Clip(input.Label, MaxOptionText)), "true")])
            {
                InitialOptions = input.Value == "true" ? [new OptionObject(TextObject.Plain(SlackMrkdwn.Clip(input.Label, MaxOptionText)), "true")] : null,
            },
            _ => new PlainTextInput(ValueActionId)
            {
                Multiline = input.Kind == InputKind.MultilineText ? true : null,
                MaxLength = Math.Min(input.MaxLength ?? MaxTextInput, MaxTextInput),
                InitialValue = input.Value,
                Placeholder = placeholder,
            },
        };
        // A toggle left unticked is an answer ("false"), so it is never required.
        return new InputBlock(label, element) { BlockId = input.Id, Optional = !input.Required || input.Kind == InputKind.Toggle };
    }

    private static OptionObject Option(Choice choice) =>
        new(TextObject.Plain(SlackMrkdwn.Clip(choice.Label, MaxOptionText)), choice.Value.Length > MaxOptionValue ? choice.Value[..MaxOptionValue] : choice.Value);

    /// <summary>The submitted values by input id, read from view.state.values.</summary>
    public static Dictionary<string, string> ReadValues(Card card, JsonObject? stateValues)
    {
        // The submit's intent first, as in an Adaptive Card's data, which the inputs' values join.
        var values = card.SubmitAction?.Data.ToDictionary() ?? [];
        foreach (var input in card.Inputs)
        {
            var element = SlackJson.Obj(stateValues, input.Id, ValueActionId);
            string? value = SlackJson.Str(element, "type") switch
            {
                "static_select" => SlackJson.Str(element, "selected_option", "value"),
                "checkboxes" => SlackJson.Get(element, "selected_options") is JsonArray { Count: > 0 } ? "true" : "false",
                _ => SlackJson.Str(element, "value"),
            };
            if (value is null && input.Kind == InputKind.Toggle) value = "false";
            if (value is not null) values[input.Id] = value;
        }
        return values;
    }

    /// <summary>Problems by input id (block id), in French; empty when the submission is acceptable.</summary>
    public static Dictionary<string, string> Validate(Card card, IReadOnlyDictionary<string, string> values)
    {
        var errors = new Dictionary<string, string>();
        foreach (var input in card.Inputs)
        {
            values.TryGetValue(input.Id, out var value);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (input.Required && input.Kind != InputKind.Toggle) errors[input.Id] = "Ce champ est obligatoire.";
                continue;
            }
            var max = Math.Min(input.MaxLength ?? MaxTextInput, MaxTextInput);
            if (value.Length > max)
                errors[input.Id] = $"{max} caractères au plus, s'il vous plaît (vous en avez saisi {value.Length}).";
            else if (input.Kind == InputKind.Choice && input.Options.Count > 0 && input.Options.All(o => o.Value != value))
                errors[input.Id] = "Choisissez une des options proposées.";
            else if (input.Kind == InputKind.Number && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                errors[input.Id] = "Un nombre est attendu.";
        }
        return errors;
    }
}
