using System.Text;
using System.Text.RegularExpressions;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// The reply model's light markdown (**bold**, _italic_, [label](url), "- " lists) as Slack mrkdwn,
/// with the three control characters escaped (&amp; &lt; &gt;) so user text can never form a mention or a link.
/// </summary>
public static partial class SlackMrkdwn
{
    /// <summary>
    /// Longest member text read (Slack allows 40,000 characters; the pipeline keeps 2,000): the rest is cut before any
    /// regular expression runs, so no input can make the parsing slow.
    /// </summary>
    public const int MaxInputLength = 3 * Pipeline.InputText.MaxLength;

    /// <summary>
    /// Slack's three control characters as entities, and its broadcast words typed as text (@channel, @here,
    /// @everyone) with a word joiner after the « @ », so that no preprocessing of the text can make them ping.
    /// </summary>
    public static string Escape(string text)
    {
        text = text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        return text.Contains('@') ? Broadcast().Replace(text, "@\u2060") : text;
    }

    /// <summary>Slack's escaping undone, mentions and links reduced to their text: what a member typed.</summary>
    public static string Unescape(string text)
    {
        text = Bound(text, MaxInputLength);
        text = SlackLink().Replace(text, m => m.Groups["label"].Success ? m.Groups["label"].Value : Typed(m.Groups["target"].Value));
        return text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }

    /// <summary>A token's target as the member typed it: <!channel> was « @channel ».</summary>
    private static string Typed(string target) => target is "!channel" or "!here" or "!everyone" ? "@" + target[1..] : target;

    /// <summary>The text cut to <paramref name="max"/> characters (never in the middle of a surrogate pair).</summary>
    public static string Bound(string text, int max)
    {
        if (text.Length <= max) return text;
        return char.IsHighSurrogate(text[max - 1]) ? text[..(max - 1)] : text[..max];
    }

    public static string FromMarkdown(string markdown)
    {
        // Backslash escapes (UserText: a member's name or words shown literally) are set aside while the markdown is
        // converted, then shown as the plain character (Slack has no escapes but &amp; &lt; &gt;).
        // The bot's own text (never cut: long answers are split into several messages); every pattern below is linear.
        var text = markdown.Replace("\r\n", "\n");
        text = HiddenRange().Replace(text, "\uFFFD");
        text = EscapedCharacter().Replace(text, m => ((char)(Hidden + m.Groups[1].Value[0])).ToString());
        text = Escape(text);
        text = MarkdownLink().Replace(text, m => $"<{m.Groups[2].Value.Replace("|", "%7C")}|{m.Groups[1].Value}>");
        text = Bold().Replace(text, "\u0001$1\u0001");
        text = SingleStar().Replace(text, "_$1_");
        text = text.Replace('\u0001', '*');
        text = ListItem().Replace(text, "$1• ");
        text = Heading().Replace(text, "*$1*");
        return HiddenRange().IsMatch(text) ? Restore(text) : text;
    }

    private static string Restore(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c < Hidden || c >= Hidden + 128) { sb.Append(c); continue; }
            var plain = (char)(c - Hidden);
            sb.Append(plain switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", _ => plain.ToString() });
        }
        return sb.ToString();
    }

    /// <summary>Start of a private-use block where escaped ASCII characters wait during the conversion.</summary>
    private const char Hidden = '\uF000';

    /// <summary>Cuts text into pieces of at most <paramref name="max"/> characters, at paragraph, line or word boundaries when possible.</summary>
    public static List<string> Split(string text, int max)
    {
        var pieces = new List<string>();
        var rest = text.Trim();
        while (rest.Length > max)
        {
            var cut = LastBoundary(rest, max, "\n\n") ?? LastBoundary(rest, max, "\n") ?? LastBoundary(rest, max, " ") ?? max;
            // Never split an escape sequence such as "&amp;" or a link "<url|label>".
            var amp = rest.LastIndexOf('&', cut - 1, Math.Min(cut, 6));
            if (amp > 0 && rest.IndexOf(';', amp) is var semi && semi >= cut && semi - amp < 6) cut = amp;
            var open = rest.LastIndexOf('<', cut - 1);
            if (open >= 0 && rest.IndexOf('>', open) is var close && close >= cut && open > 0) cut = open;
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0) pieces.Add(rest);
        return pieces;
    }

    private static int? LastBoundary(string text, int max, string separator)
    {
        var i = text.LastIndexOf(separator, max - 1, StringComparison.Ordinal);
        return i > max / 3 ? i : null;
    }

    /// <summary>Plain text cut to a length, with an ellipsis when cut.</summary>
    public static string Clip(string text, int max)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return t.Length <= max ? t : t[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>A short plain-text version for notifications (the message's "text").</summary>
    public static string PlainSummary(string markdown, int max)
    {
        var sb = new StringBuilder(MarkdownLink().Replace(markdown, "$1"));
        sb.Replace("**", "");
        return Clip(sb.ToString(), max);
    }

    [GeneratedRegex(@"\[([^\]\n]+)\]\((https?://[^\s)]+)\)", RegexOptions.NonBacktracking)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\*\*(.+?)\*\*", RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Bold();

    [GeneratedRegex(@"\\([\\`*_\[\]()<>~#])", RegexOptions.NonBacktracking)]
    private static partial Regex EscapedCharacter();

    [GeneratedRegex("[\uF000-\uF07F]")]
    private static partial Regex HiddenRange();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])")]
    private static partial Regex SingleStar();

    [GeneratedRegex(@"(?m)^([ \t]*)- ")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?m)^#{1,6} +(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"@(?=(channel|here|everyone)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Broadcast();

    // Linear: neither part can run over another '<', and the automaton never backtracks.
    [GeneratedRegex(@"<(?<target>[^|<>]+)(\|(?<label>[^<>]*))?>", RegexOptions.NonBacktracking)]
    private static partial Regex SlackLink();
}
