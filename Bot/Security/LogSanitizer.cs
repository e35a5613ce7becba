using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Communaute.Bot.Security;

/// <summary>
/// Values logged from requests (user names, texts, a JWT's "alg", exception messages) cannot forge log lines:
/// every string property is rendered with its control characters escaped ("\n" becomes the two characters \ and n),
/// and cut to a readable length.
/// </summary>
public sealed class LogSanitizer : ILogEventEnricher
{
    public const int MaxValueLength = 1000;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
            if (Clean(value) is { } clean && !ReferenceEquals(clean, value))
                (changed ??= []).Add(new LogEventProperty(name, clean));
        foreach (var property in changed ?? []) logEvent.AddOrUpdateProperty(property);
    }

    private static LogEventPropertyValue? Clean(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when NeedsEscaping(s) => new ScalarValue(Escape(s)),
        SequenceValue seq when seq.Elements.Any(e => !ReferenceEquals(Clean(e), e)) => new SequenceValue(seq.Elements.Select(e => Clean(e)!)),
        StructureValue st when st.Properties.Any(p => !ReferenceEquals(Clean(p.Value), p.Value)) =>
            new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Clean(p.Value)!)), st.TypeTag),
        _ => value,
    };

    private static bool NeedsEscaping(string s)
    {
        if (s.Length > MaxValueLength) return true;
        foreach (var c in s)
            if (IsLineBreaking(c)) return true;
        return false;
    }

    private static bool IsLineBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsSurrogate(c);

    /// <summary>The text on one line: control characters as \n, \r, \t or \uXXXX; long values cut.</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, MaxValueLength) + 16);
        for (var i = 0; i < s.Length && sb.Length < MaxValueLength; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); continue; }
            if (!IsLineBreaking(c)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)c:x4}",
            });
        }
        if (sb.Length >= MaxValueLength && s.Length > MaxValueLength) sb.Append("…");
        return sb.ToString();
    }
}
