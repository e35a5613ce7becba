using System.Text.RegularExpressions;
using SkiaSharp;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// The Markdown export laid out as an A4 PDF with the radar chart, through SkiaSharp's PDF backend
/// (already here for the chart). Headings, bold lines, bullets and table rows are set as text; long lines wrap.
/// </summary>
public static partial class ProfilePdf
{
    private const float PageWidth = 595, PageHeight = 842, Margin = 50;
    private const float ContentWidth = PageWidth - 2 * Margin;

    public static byte[] Render(string markdown, byte[]? chartPng)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
               {
                   Title = "Profil d'innovation sociale",
                   Creator = "Communauté émergence & accélération",
                   Producer = "Communauté bot",
               }))
        {
            var writer = new PageWriter(document);
            var chartDrawn = false;
            foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
            {
                var line = raw.TrimEnd();
                if (TableSeparator().IsMatch(line)) continue;
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    writer.Paragraph(Clean(line[2..]), 17, bold: true);
                    continue;
                }
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    if (!chartDrawn && chartPng is not null) { writer.Image(chartPng); chartDrawn = true; }
                    writer.Gap(8);
                    writer.Paragraph(Clean(line[3..]), 13, bold: true);
                    continue;
                }
                if (line.Length == 0) { writer.Gap(5); continue; }
                if (line.StartsWith('|'))
                {
                    var cells = line.Trim('|').Split('|').Select(c => Clean(c.Trim())).Where(c => c.Length > 0);
                    writer.Paragraph(string.Join(" — ", cells), 9.5f, indent: 8);
                    continue;
                }
                var bold = line.StartsWith("**", StringComparison.Ordinal) && line.EndsWith("**", StringComparison.Ordinal);
                var bullet = line.StartsWith("- ", StringComparison.Ordinal);
                writer.Paragraph((bullet ? "• " : "") + Clean(bullet ? line[2..] : line), 10.5f, bold, bullet ? 8 : 0);
            }
            if (!chartDrawn && chartPng is not null) writer.Image(chartPng);
            writer.Finish();
            document.Close();
        }
        return stream.ToArray();
    }

    private static string Clean(string text) => Emphasis().Replace(text.Replace("\\|", "|"), "$2");

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"(\*\*|_)(.+?)\1")]
    private static partial Regex Emphasis();

    /// <summary>Flows text down the pages, starting a new page when one is full.</summary>
    private sealed class PageWriter(SKDocument document)
    {
        private static readonly SKTypeface Regular = Typeface(SKFontStyle.Normal);
        private static readonly SKTypeface Bold = Typeface(SKFontStyle.Bold);

        private SKCanvas? _canvas;
        private float _y;

        private static SKTypeface Typeface(SKFontStyle style) =>
            SKFontManager.Default.MatchFamily("DejaVu Sans", style)
            ?? SKFontManager.Default.MatchFamily("Liberation Sans", style)
            ?? SKTypeface.FromFamilyName(null, style);

        private SKCanvas Canvas(float needed)
        {
            if (_canvas is null || _y + needed > PageHeight - Margin)
            {
                if (_canvas is not null) document.EndPage();
                _canvas = document.BeginPage(PageWidth, PageHeight);
                _y = Margin;
            }
            return _canvas;
        }

        public void Gap(float height) => _y += height;

        public void Paragraph(string text, float size, bool bold = false, float indent = 0)
        {
            using var font = new SKFont(bold ? Bold : Regular, size);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var lineHeight = size * 1.35f;
            foreach (var line in Wrap(text, font, ContentWidth - indent))
            {
                var canvas = Canvas(lineHeight);
                _y += lineHeight;
                canvas.DrawText(line, Margin + indent, _y - size * 0.3f, SKTextAlign.Left, font, paint);
            }
        }

        public void Image(byte[] png)
        {
            using var bitmap = SKBitmap.Decode(png);
            if (bitmap is null) return;
            var width = Math.Min(ContentWidth, 380f);
            var height = width * bitmap.Height / bitmap.Width;
            var canvas = Canvas(height + 10);
            canvas.DrawBitmap(bitmap, SKRect.Create(Margin + (ContentWidth - width) / 2, _y + 5, width, height));
            _y += height + 10;
        }

        public void Finish()
        {
            if (_canvas is null) Canvas(0);
            document.EndPage();
        }

        private static IEnumerable<string> Wrap(string text, SKFont font, float width)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var line = "";
            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    yield return line;
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length > 0) yield return line;
        }
    }
}
