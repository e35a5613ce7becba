using System.Text;
using Communaute.Bot.Rendering;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Member text with the bot's bold in it (a search's matching words) as mrkdwn: the bold shows, and nothing the member
/// typed can format, mention or link. mrkdwn has no escape for * _ ~ `: typed ones become look-alike characters
/// (∗ ˍ ∼ ˋ), and a « > » typed at the start of a line, which would quote it, becomes ˃.
/// </summary>
public static class SlackMrkdwnLiteral
{
    /// <summary>True when the escaped member text carries the bot's bold (else plain_text shows it exactly).</summary>
    public static bool HasBold(string? markdown) =>
        !string.IsNullOrEmpty(markdown) && markdown.Replace("\r\n", "\n").Split('\n').Any(line => LiteralText.Runs(line).Any(r => r.Bold));

    public static string FromMarkdown(string markdown) =>
        string.Join("\n", markdown.Replace("\r\n", "\n").Split('\n').Select(Line));

    private static string Line(string line)
    {
        var sb = new StringBuilder(line.Length + 8);
        foreach (var run in LiteralText.Runs(line))
        {
            var text = Neutral(run.Url is null || run.Url == run.Text ? run.Text : $"{run.Text} ({run.Url})");
            if (run.Bold && text.Trim().Length > 0) sb.Append('*').Append(text).Append('*');
            else sb.Append(text);
        }
        return sb.ToString() is var mrkdwn && mrkdwn.StartsWith("&gt;", StringComparison.Ordinal) ? "˃" + mrkdwn[4..] : mrkdwn;
    }

    private static string Neutral(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c switch { '*' => '∗', '_' => 'ˍ', '~' => '∼', '`' => 'ˋ', _ => c });
        return SlackMrkdwn.Escape(sb.ToString());
    }
}
