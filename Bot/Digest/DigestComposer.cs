using System.Text;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Rendering;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>How a digest lands on each channel: message counts and sizes, for the preview and the tests.</summary>
public sealed record ChannelFootprint(int Messages, int LargestCardBytes, int SlackMessages, int LargestSlackBlocks, int TextCharacters);

/// <summary>
/// Turns a digest's sections into the neutral replies every target gets. As few messages as possible (one when it
/// fits): a message is closed when the next section would take it past a channel's limit — an Adaptive Card of
/// <see cref="MaxCardBytes"/> for Teams and the page, one Block Kit message of 50 blocks for Slack.
/// </summary>
public static class DigestComposer
{
    /// <summary>Slack's limit for one section's text: an edit or a note longer than this is refused.</summary>
    public const int MaxSectionText = SlackBlockKitRenderer.MaxSectionText;
    public const int MaxHeading = SlackBlockKitRenderer.MaxHeaderText;

    /// <summary>Teams accepts about 28 KB per message; keep a margin for the activity around the card.</summary>
    public const int MaxCardBytes = 24_000;

    public static string Title(YearMonth month) => $"Digest de la communauté — {FrenchDates.Month(month)}";

    public static IReadOnlyList<Reply> Compose(DigestContent content, YearMonth month)
    {
        var replies = new List<Reply>();
        var current = new List<DigestSection>();
        foreach (var section in content.Visible)
        {
            var candidate = current.Append(section).ToList();
            if (current.Count > 0 && !Fits(Card(candidate, month, replies.Count)))
            {
                replies.Add(Reply.Show(Card(current, month, replies.Count)));
                current = [section];
            }
            else current = candidate;
        }
        if (current.Count > 0) replies.Add(Reply.Show(Card(current, month, replies.Count)));
        return replies;
    }

    /// <summary>
    /// The digest as one card of text for the archive ("digest de mars") and the text preview: no buttons, what they
    /// offered written out, all escaped — each channel's renderer shows it literally (no formatting, no backslash).
    /// </summary>
    public static Reply ArchiveCard(DigestContent content, YearMonth month, string? note = null) => Reply.Show(new Card
    {
        Title = Title(month),
        Subtitle = note,
        Sections = content.Visible.Select(s => new CardSection(UserText.Escape(s.Heading),
            string.Join("\n", [UserText.Escape(s.Text), .. s.Buttons.Select(b => UserText.Escape($"→ {b.Label} : tapez « {b.Value} »"))]))).ToList(),
    });

    public static ChannelFootprint Measure(IReadOnlyList<Reply> replies)
    {
        var cards = replies.Where(r => r.Card is not null).Select(r => AdaptiveCardRenderer.Render(r.Card!).ToJsonString()).ToList();
        var slack = replies.SelectMany(r => SlackBlockKitRenderer.Render(r)).ToList();
        var text = replies.Sum(r => PlainTextRenderer.Render(r).Text.Length);
        return new ChannelFootprint(replies.Count, cards.Count == 0 ? 0 : cards.Max(c => Encoding.UTF8.GetByteCount(c)),
            slack.Count, slack.Count == 0 ? 0 : slack.Max(m => m.Blocks.Count), text);
    }

    private static bool Fits(Card card) =>
        Encoding.UTF8.GetByteCount(AdaptiveCardRenderer.Render(card).ToJsonString()) <= MaxCardBytes
        && SlackBlockKitRenderer.Render(Reply.Show(card)) is { Count: 1 } messages
        && messages[0].Blocks.Count <= SlackBlockKitRenderer.MaxBlocksPerMessage;

    private static Card Card(IReadOnlyList<DigestSection> sections, YearMonth month, int index) => new()
    {
        Title = index == 0 ? Title(month) : $"{Title(month)} (suite {index + 1})",
        Subtitle = index == 0 ? "Ce qui s'est passé depuis le dernier digest, et ce que vous pouvez faire maintenant." : null,
        Sections = sections.Select(s => new CardSection(UserText.Escape(s.Heading), UserText.Escape(s.Text))).ToList(),
        Choices = sections.SelectMany(s => s.Buttons).Select(b => b.ToChoice()).ToList(),
    };
}
