using SkiaSharp;

namespace Communaute.Dialogs.Characterisation;

/// <summary>The typefaces of the chart and the PDF: DejaVu Sans when installed (full French accents), else the system's.</summary>
internal static class Fonts
{
    public static readonly SKTypeface Regular = Match(SKFontStyle.Normal);
    public static readonly SKTypeface Bold = Match(SKFontStyle.Bold);
    public static readonly SKTypeface Italic = Match(SKFontStyle.Italic);

    private static SKTypeface Match(SKFontStyle style) =>
        SKFontManager.Default.MatchFamily("DejaVu Sans", style)
        ?? SKFontManager.Default.MatchFamily("Liberation Sans", style)
        ?? SKTypeface.FromFamilyName(null, style);

    /// <summary>Words on lines no wider than <paramref name="width"/> (a word longer than that gets a line of its own).</summary>
    public static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    yield return line;
                    line = word;
                }
                else line = candidate;
            }
            yield return line;
        }
    }
}
