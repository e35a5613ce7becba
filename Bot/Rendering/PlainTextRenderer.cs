using System.Text;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Rendering;

/// <summary>Renders replies for the terminal: text, facts as lines, choices numbered so a digit picks one.</summary>
public static class PlainTextRenderer
{
    /// <summary>The text, and the choices in the order they were numbered (from <paramref name="firstNumber"/>).</summary>
    public static (string Text, IReadOnlyList<Choice> Choices) Render(Reply reply, int firstNumber = 1)
    {
        var sb = new StringBuilder();
        var choices = new List<Choice>();
        if (!string.IsNullOrWhiteSpace(reply.Text)) sb.AppendLine(StripMarkdown(reply.Text));
        if (reply.Card is { } card)
        {
            if (!string.IsNullOrWhiteSpace(card.Title)) sb.AppendLine("== " + card.Title + " ==");
            if (!string.IsNullOrWhiteSpace(card.Subtitle)) sb.AppendLine(card.Subtitle);
            foreach (var s in card.Sections)
            {
                if (!string.IsNullOrWhiteSpace(s.Heading)) sb.AppendLine("-- " + s.Heading);
                sb.AppendLine(StripMarkdown(s.Text));
            }
            if (card.Image is { } image) sb.AppendLine($"[image : {image.AltText}]");
            foreach (var f in card.Facts) sb.AppendLine($"  {f.Label} : {f.Value}");
            foreach (var input in card.Inputs)
            {
                sb.AppendLine($"  [{input.Label}]" + (input.Required ? " (obligatoire)" : ""));
                foreach (var o in input.Options) sb.AppendLine($"     - {o.Label}");
            }
            choices.AddRange(card.Choices);
            foreach (var l in card.Links) sb.AppendLine($"  {l.Label} : {l.Url}");
        }
        choices.AddRange(reply.SuggestedActions);
        for (var i = 0; i < choices.Count; i++) sb.AppendLine($"  {i + firstNumber}. {choices[i].Label}");
        return (sb.ToString().TrimEnd(), choices);
    }

    private static string StripMarkdown(string text) => text.Replace("**", "").Replace("__", "");
}
