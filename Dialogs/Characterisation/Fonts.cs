using SkiaSharp;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// The typefaces of the chart and the PDF: DejaVu Sans cut down to French text (Fonts/subset.sh), shipped with the bot,
/// so that a PDF embeds about 40 KB per face instead of 700 KB, and the pictures look the same on every machine.
/// A word with a character outside the subset is drawn with the system's font (<see cref="Covering"/>).
/// </summary>
internal static class Fonts
{
    public static readonly SKTypeface Regular = Load("DejaVuSans") ?? Match(SKFontStyle.Normal);
    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold") ?? Match(SKFontStyle.Bold);
    public static readonly SKTypeface Italic = Load("DejaVuSans-Oblique") ?? Match(SKFontStyle.Italic);

    private static readonly Lazy<SKTypeface> SystemRegular = new(() => Match(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> SystemBold = new(() => Match(SKFontStyle.Bold));
    private static readonly Lazy<SKTypeface> SystemItalic = new(() => Match(SKFontStyle.Italic));

    /// <summary><paramref name="face"/> when it has every character of <paramref name="text"/>; else the system's font of that style.</summary>
    public static SKTypeface Covering(SKTypeface face, string text)
    {
        if (text.Length == 0 || face.ContainsGlyphs(text)) return face;
        return face == Bold ? SystemBold.Value : face == Italic ? SystemItalic.Value : face == Regular ? SystemRegular.Value : face;
    }

    private static SKTypeface? Load(string name)
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream($"Communaute.Dialogs.Characterisation.Fonts.{name}.ttf");
        if (stream is null) return null;
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data);
    }

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
