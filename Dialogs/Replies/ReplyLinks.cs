using System.Text.RegularExpressions;

namespace Communaute.Dialogs.Replies;

/// <summary>
/// Links to the bot's own files are written root-relative (« /media/x.png?e=…&amp;s=… ») whoever the reply is for and
/// whatever surface caused it; a channel whose clients are not the bot's page (Teams, Slack, a terminal) makes them
/// absolute from the public address when it renders the reply.
/// </summary>
public static partial class ReplyLinks
{
    public static Reply Absolute(Reply reply, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        return reply with
        {
            Text = InText(reply.Text, root),
            Card = reply.Card is not { } card ? null : card with
            {
                Subtitle = InText(card.Subtitle, root),
                Sections = card.Sections.Select(s => s with { Text = InText(s.Text, root)! }).ToList(),
                Image = card.Image is { } image ? image with { Url = Of(image.Url, root) } : null,
                Links = card.Links.Select(l => l with { Url = Of(l.Url, root) }).ToList(),
            },
        };
    }

    /// <summary>The link made absolute when it is root-relative ("/x", not "//host/x"); any other link as it is.</summary>
    public static string Of(string url, string root) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? root + url : url;

    private static string? InText(string? text, string root) =>
        text is null || !text.Contains("](/", StringComparison.Ordinal) ? text : MarkdownLink().Replace(text, m => $"]({Of(m.Groups[1].Value, root)})");

    [GeneratedRegex(@"\]\((/[^)\s]*)\)")]
    private static partial Regex MarkdownLink();
}
