using System.Text.Json.Nodes;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Renders the neutral reply as Block Kit messages. Buttons carry the same data as the Adaptive Card's Action.Submit
/// (<see cref="SubmitData"/>: the choice's value and the card's prompt id), so a click reaches the pipeline as the
/// typed value would. Long replies are split to respect Slack's limits (50 blocks a message, 3,000 characters a section).
/// </summary>
public static class SlackBlockKitRenderer
{
    public const int MaxBlocksPerMessage = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFieldText = 2000;
    public const int MaxFieldsPerSection = 10;
    public const int MaxHeaderText = 150;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxActionsPerBlock = 25;
    public const int MaxAltText = 2000;
    public const int MaxUrl = 3000;
    public const int NotificationTextLength = 300;

    /// <summary>Action ids of buttons that stand for typed text start with this; the rest of the id only keeps them unique.</summary>
    public const string ChoiceActionPrefix = "choice_";
    public const string LinkActionPrefix = "link_";
    public const string OpenFormAction = "form_open";

    /// <param name="formId">For a card with inputs: the id of the stored form its button opens as a modal.</param>
    public static IReadOnlyList<SlackMessage> Render(Reply reply, string? formId = null)
    {
        var blocks = new List<Block>();
        var summary = new List<string>();
        var ids = new ActionIds();
        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            AddText(blocks, reply.Text);
            summary.Add(reply.Text);
        }
        if (reply.Card is { } card)
        {
            AddCard(blocks, card, formId, ids);
            summary.Add(card.Title ?? card.Sections.FirstOrDefault()?.Text ?? card.Subtitle ?? "");
        }
        AddChoices(blocks, reply.SuggestedActions, null, ids);

        // The top-level text is mrkdwn too (notifications, fallback): escaped like any text, so it can never form a mention or a link.
        var text = SlackMrkdwn.Escape(SlackMrkdwn.PlainSummary(string.Join(" — ", summary.Where(s => s.Length > 0)), NotificationTextLength));
        if (text.Length == 0) text = "Message de la Communauté";
        return blocks.Chunk(MaxBlocksPerMessage).Select(chunk => new SlackMessage(text, chunk)).ToList();
    }

    /// <summary>The JSON Slack's Web API takes for a message's blocks.</summary>
    public static JsonArray ToJson(IReadOnlyList<Block> blocks) =>
        (JsonArray)System.Text.Json.JsonSerializer.SerializeToNode(blocks, BlockKitJson.Options)!;

    private static void AddCard(List<Block> blocks, Card card, string? formId, ActionIds ids)
    {
        if (!string.IsNullOrWhiteSpace(card.Title))
        {
            // A header is plain_text: escapes undone there (a member's « **Gras** » as typed, without backslashes).
            var title = Rendering.LiteralText.Plain(card.Title).ReplaceLineEndings(" ");
            if (title.Length <= MaxHeaderText) blocks.Add(new HeaderBlock(TextObject.Plain(title)));
            else AddText(blocks, "**" + card.Title + "**");
        }
        if (Rendering.LiteralText.HasEscapes(card.Subtitle)) AddLiteral(blocks, card.Subtitle!);
        else if (!string.IsNullOrWhiteSpace(card.Subtitle))
            foreach (var piece in SlackMrkdwn.Split(SlackMrkdwn.FromMarkdown(card.Subtitle), MaxSectionText))
                blocks.Add(new ContextBlock([new ContextMrkdwn(piece)]));
        foreach (var section in card.Sections)
        {
            if (Rendering.LiteralText.HasEscapes(section.Text) || Rendering.LiteralText.HasEscapes(section.Heading))
            {
                // Member text: plain_text, which Slack never formats (mrkdwn has no escape for * _ ~); with the bot's bold
                // in it (a search's matching words), mrkdwn where what the member typed cannot format.
                if (!string.IsNullOrWhiteSpace(section.Heading)) AddLiteral(blocks, section.Heading, heading: true);
                if (SlackMrkdwnLiteral.HasBold(section.Text))
                    foreach (var piece in SlackMrkdwn.Split(SlackMrkdwnLiteral.FromMarkdown(section.Text), MaxSectionText))
                        blocks.Add(new SectionBlock { Text = TextObject.Mrkdwn(piece) });
                else AddLiteral(blocks, section.Text);
                continue;
            }
            var text = string.IsNullOrWhiteSpace(section.Heading) ? section.Text : $"**{section.Heading}**\n{section.Text}";
            AddText(blocks, text);
        }
        if (card.Image is { } image) blocks.Add(Image(image));
        foreach (var group in card.Facts.Chunk(MaxFieldsPerSection))
            blocks.Add(new SectionBlock
            {
                Fields = group.Select(f => Rendering.LiteralText.HasEscapes(f.Value)
                    ? TextObject.Plain(SlackMrkdwn.Split(SlackMrkdwn.Escape($"{SlackMrkdwn.Clip(f.Label, 200)}\n{Rendering.LiteralText.Plain(f.Value)}"), MaxFieldText)[0])
                    : TextObject.Mrkdwn(SlackMrkdwn.Split(
                    $"*{SlackMrkdwn.Escape(SlackMrkdwn.Clip(f.Label, 200))}*\n{SlackMrkdwn.FromMarkdown(f.Value)}", MaxFieldText)[0])).ToList(),
            });
        if (card.Inputs.Count > 0)
        {
            var fields = string.Join(", ", card.Inputs.Select(i => i.Label));
            AddText(blocks, $"_Formulaire à remplir : {fields}._");
            var open = new ButtonElement(TextObject.Plain(SlackMrkdwn.Clip(card.SubmitLabel == "Valider" ? "Remplir le formulaire" : card.SubmitLabel, MaxButtonText)), OpenFormAction)
            {
                Value = ChoiceValue(formId ?? "", card.PromptId),
                Style = "primary",
            };
            blocks.Add(new ActionsBlock([open]));
        }
        AddChoices(blocks, card.Choices, card.PromptId, ids);
        var links = card.Links.Where(l => IsPublicUrl(l.Url) && l.Url.Length <= MaxUrl).ToList();
        foreach (var group in links.Chunk(MaxActionsPerBlock))
            blocks.Add(new ActionsBlock(group.Select(l => new ButtonElement(TextObject.Plain(SlackMrkdwn.Clip(l.Label, MaxButtonText)), ids.Next(LinkActionPrefix)) { Url = l.Url }).ToList()));
    }

    private static void AddChoices(List<Block> blocks, IReadOnlyList<Choice> choices, string? promptId, ActionIds ids)
    {
        foreach (var group in choices.Chunk(MaxActionsPerBlock))
            blocks.Add(new ActionsBlock(group.Select(c => new ButtonElement(TextObject.Plain(SlackMrkdwn.Clip(c.Label, MaxButtonText)), ids.Next(ChoiceActionPrefix))
            {
                Value = ChoiceValue(c.Value, promptId, c.Action),
                Style = c.Style switch { ChoiceStyle.Primary => "primary", ChoiceStyle.Destructive => "danger", _ => null },
            }).ToList()));
    }

    /// <summary>The button's value: the same keys an Adaptive Card's Action.Submit data carries.</summary>
    public static string ChoiceValue(string text, string? promptId, ChoiceAction? typed = null)
    {
        var data = new JsonObject { [SubmitData.TextKey] = text.Length > 1500 ? text[..1500] : text };
        // A typed intent is a few short keys: the value stays far below Slack's 2,000 characters.
        foreach (var (key, v) in typed?.Data ?? []) data[key] = v;
        if (promptId is not null) data[SubmitData.PromptKey] = promptId.Length > 400 ? promptId[..400] : promptId;
        return data.ToJsonString();
    }

    private static void AddText(List<Block> blocks, string markdown)
    {
        foreach (var piece in SlackMrkdwn.Split(SlackMrkdwn.FromMarkdown(markdown), MaxSectionText))
            blocks.Add(new SectionBlock { Text = TextObject.Mrkdwn(piece) });
    }

    /// <summary>Text carrying member text as plain_text sections (a heading too: plain_text has no bold, and no way to misread).</summary>
    private static void AddLiteral(List<Block> blocks, string markdown, bool heading = false)
    {
        var plain = Rendering.LiteralText.Plain(markdown);
        if (heading) plain = plain.ReplaceLineEndings(" ");
        // & < > escaped as everywhere in Slack text, so nothing can form a mention or a link.
        foreach (var piece in SlackMrkdwn.Split(SlackMrkdwn.Escape(plain), MaxSectionText))
            blocks.Add(new SectionBlock { Text = TextObject.Plain(piece) });
    }

    private static Block Image(CardImage image)
    {
        var alt = SlackMrkdwn.Clip(string.IsNullOrWhiteSpace(image.AltText) ? "Image" : image.AltText, MaxAltText);
        if (IsPublicUrl(image.Url) && image.Url.Length <= MaxUrl) return new ImageBlock(image.Url, alt);
        // Data URIs and local addresses cannot be fetched by Slack: say what the image shows instead.
        return new ContextBlock([new ContextMrkdwn(SlackMrkdwn.Escape($"🖼 {alt} (image disponible sur la page web du bot)"))]);
    }

    public static bool IsPublicUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !uri.IsLoopback && uri.Host != "localhost";

    private sealed class ActionIds
    {
        private int _next;
        public string Next(string prefix) => prefix + _next++;
    }
}
