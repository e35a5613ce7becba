using System.Text;
using System.Text.RegularExpressions;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Rendering;

/// <summary>
/// Renders replies for the terminal: text, facts as lines, choices numbered so a digit picks one. The light markdown
/// of replies is shown as a terminal shows text: bold as bold (ANSI) or plain, italics plain, links as "label (url)",
/// escapes removed.
/// </summary>
public static partial class PlainTextRenderer
{
    private const string Bold = "\u001b[1m", NotBold = "\u001b[22m";

    /// <summary>The text, and the choices in the order they were numbered (from <paramref name="firstNumber"/>).</summary>
    /// <param name="ansi">Bold with ANSI escapes (a real terminal); otherwise plain text.</param>
    public static (string Text, IReadOnlyList<Choice> Choices) Render(Reply reply, int firstNumber = 1, bool ansi = false)
    {
        var sb = new StringBuilder();
        var choices = new List<Choice>();
        if (!string.IsNullOrWhiteSpace(reply.Text)) sb.AppendLine(Markdown(reply.Text, ansi));
        if (reply.Card is { } card)
        {
            if (!string.IsNullOrWhiteSpace(card.Title)) sb.AppendLine(Strong("== " + Markdown(card.Title, false) + " ==", ansi));
            if (!string.IsNullOrWhiteSpace(card.Subtitle)) sb.AppendLine(Markdown(card.Subtitle, ansi));
            foreach (var s in card.Sections)
            {
                if (!string.IsNullOrWhiteSpace(s.Heading)) sb.AppendLine(Strong("-- " + Markdown(s.Heading, false), ansi));
                sb.AppendLine(Markdown(s.Text, ansi));
            }
            if (card.Image is { } image) sb.AppendLine($"[image : {image.AltText}]");
            foreach (var f in card.Facts) sb.AppendLine($"  {Markdown(f.Label, false)} : {Markdown(f.Value, ansi)}");
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

    /// <summary>**bold**, _italic_, [label](url) and backslash escapes, as a terminal can show them.</summary>
    public static string Markdown(string text, bool ansi)
    {
        var slots = new List<string>();
        // Escaped characters are set aside first, so "\*\*" stays two stars and "\_" an underscore.
        var kept = Escaped().Replace(text, m => { slots.Add(m.Groups[1].Value); return $"\u0000{slots.Count - 1}\u0000"; });
        kept = Link().Replace(kept, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[2].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        kept = BoldText().Replace(kept, m => Strong(m.Groups[1].Value, ansi));
        kept = Italic().Replace(kept, "$1$2");
        return Slot().Replace(kept, m => slots[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static string Strong(string text, bool ansi) => ansi ? Bold + text + NotBold : text;

    [GeneratedRegex(@"\\([\\`*_\[\]()<>~#])")]
    private static partial Regex Escaped();

    [GeneratedRegex(@"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldText();

    [GeneratedRegex(@"(^|[\s(«])_([^_\n]+)_(?=$|[\s.,;:!?)»])")]
    private static partial Regex Italic();

    [GeneratedRegex("\u0000(\\d+)\u0000")]
    private static partial Regex Slot();
}
