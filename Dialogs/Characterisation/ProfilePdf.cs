using System.Text.RegularExpressions;
using SkiaSharp;

namespace Communaute.Dialogs.Characterisation;

/// <summary>The chart of a result, as the PDF draws it (vectors, not a picture of it).</summary>
public sealed record ProfileChart(Grid Grid, IReadOnlyDictionary<string, int> Current, IReadOnlyDictionary<string, int>? Previous)
{
    /// <summary>Criteria passed over (« passer »), marked apart from « je ne sais pas ».</summary>
    public IReadOnlySet<string>? Skipped { get; init; }
}

/// <summary>
/// The Markdown export laid out as an A4 PDF with SkiaSharp's PDF backend: headings, paragraphs with their bold and
/// italics, bullets, tables kept as tables (ruled, cells wrapped, header repeated on a new page), and the radar chart
/// drawn as vectors, so it stays sharp at any zoom and its labels are text.
/// </summary>
public static partial class ProfilePdf
{
    private const float PageWidth = 595, PageHeight = 842, Margin = 50;
    private const float ContentWidth = PageWidth - 2 * Margin;

    public static byte[] Render(string markdown, ProfileChart? chart)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
               {
                   Title = "Profil d'innovation sociale",
                   Creator = "Communauté émergence & accélération",
                   Producer = "Communauté bot",
                   RasterDpi = 300,
               }))
        {
            var writer = new PageWriter(document);
            var chartDrawn = false;
            var lines = markdown.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd();
                if (line.StartsWith('|'))
                {
                    var table = new List<string>();
                    while (i < lines.Length && lines[i].TrimStart().StartsWith('|')) table.Add(lines[i++].Trim());
                    i--;
                    writer.Table(Rows(table));
                    continue;
                }
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    writer.Paragraph(line[2..], 17, bold: true);
                    continue;
                }
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    if (!chartDrawn && chart is not null) { writer.Chart(chart); chartDrawn = true; }
                    writer.Heading(line[3..]);
                    continue;
                }
                if (line.StartsWith("![", StringComparison.Ordinal))
                {
                    // The Markdown links the radar PNG; the PDF draws it (as vectors) instead.
                    if (!chartDrawn && chart is not null) { writer.Chart(chart); chartDrawn = true; }
                    continue;
                }
                if (line.Length == 0) { writer.Gap(5); continue; }
                var bullet = line.StartsWith("- ", StringComparison.Ordinal);
                writer.Paragraph(bullet ? line[2..] : line, 10.5f, bullet: bullet);
            }
            if (!chartDrawn && chart is not null) writer.Chart(chart);
            writer.Finish();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>A Markdown table's cells, the separator line left out; "\|" is a bar inside a cell.</summary>
    private static List<string[]> Rows(IEnumerable<string> lines) => lines
        .Where(l => !TableSeparator().IsMatch(l))
        .Select(l => CellSplit().Split(l.Trim().Trim('|')).Select(c => c.Trim().Replace("\\|", "|")).ToArray())
        .ToList();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();

    [GeneratedRegex(@"\*\*(.+?)\*\*|(?<=^|[\s(])_(.+?)_(?=$|[\s.,;:!?)])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(?<=\s)")]
    private static partial Regex AfterSpaces();

    /// <summary>A piece of text in one style.</summary>
    private readonly record struct Run(string Text, SKTypeface Face);

    /// <summary>Splits light markdown into runs: **bold**, _italic_, the rest regular.</summary>
    private static List<Run> Runs(string text, bool bold)
    {
        var runs = new List<Run>();
        var regular = bold ? Fonts.Bold : Fonts.Regular;
        var at = 0;
        foreach (Match m in Emphasis().Matches(text))
        {
            if (m.Index > at) runs.Add(new Run(text[at..m.Index], regular));
            runs.Add(m.Groups[1].Success ? new Run(m.Groups[1].Value, Fonts.Bold) : new Run(m.Groups[2].Value, Fonts.Italic));
            at = m.Index + m.Length;
        }
        if (at < text.Length) runs.Add(new Run(text[at..], regular));
        return runs;
    }

    /// <summary>Flows text, tables and the chart down the pages, starting a new page when one is full.</summary>
    private sealed class PageWriter(SKDocument document)
    {
        private static readonly SKColor Ink = new(0x1B, 0x1B, 0x1B);
        private static readonly SKColor Rule = new(0x8A, 0x8F, 0x98);
        private static readonly SKColor HeaderFill = new(0xE6, 0xEA, 0xF1);

        private SKCanvas? _canvas;
        private int _page;
        private float _y;

        private SKCanvas Canvas(float needed)
        {
            if (_canvas is null || _y + needed > PageHeight - Margin)
            {
                if (_canvas is not null) document.EndPage();
                _canvas = document.BeginPage(PageWidth, PageHeight);
                _page++;
                _y = Margin;
                using var font = new SKFont(Fonts.Regular, 8);
                using var paint = new SKPaint { Color = Rule, IsAntialias = true };
                _canvas.DrawText($"Communauté émergence & accélération — profil d'innovation sociale — page {_page}",
                    PageWidth / 2, PageHeight - Margin / 2, SKTextAlign.Center, font, paint);
            }
            return _canvas;
        }

        public void Gap(float height) => _y += height;

        public void Heading(string text)
        {
            _y += 8;
            // A heading is never the last line of a page.
            Canvas(60);
            Paragraph(text, 13, bold: true);
            _y += 2;
        }

        public void Paragraph(string text, float size, bool bold = false, bool bullet = false)
        {
            var indent = bullet ? 12f : 0;
            var lineHeight = size * 1.38f;
            var lines = Layout(Runs(text, bold), size, ContentWidth - indent);
            for (var l = 0; l < lines.Count; l++)
            {
                var canvas = Canvas(lineHeight);
                _y += lineHeight;
                var baseline = _y - size * 0.3f;
                if (bullet && l == 0)
                {
                    using var dot = new SKPaint { Color = Ink, IsAntialias = true };
                    canvas.DrawCircle(Margin + 4, baseline - size * 0.33f, 1.8f, dot);
                }
                DrawLine(canvas, lines[l], Margin + indent, baseline, size);
            }
        }

        public void Chart(ProfileChart chart)
        {
            var width = 430f;
            var height = width * RadarChart.Height / RadarChart.Width;
            var canvas = Canvas(height + 10);
            RadarChart.Draw(canvas, SKRect.Create(Margin + (ContentWidth - width) / 2, _y + 5, width, height), chart.Grid, chart.Current, chart.Previous, chart.Skipped);
            _y += height + 10;
        }

        /// <summary>A ruled table: the first row is the header, repeated at the top of a new page.</summary>
        public void Table(IReadOnlyList<string[]> rows)
        {
            if (rows.Count == 0) return;
            const float size = 9f, padding = 4f;
            var columns = rows.Max(r => r.Length);
            var widths = ColumnWidths(columns);
            var lineHeight = size * 1.3f;
            var header = rows[0];

            List<List<Run>>[] Cells(string[] row, bool bold) => Enumerable.Range(0, columns)
                .Select(c => Layout(Runs(c < row.Length ? row[c] : "", bold), size, widths[c] - 2 * padding)).ToArray();
            float Height(List<List<Run>>[] cells) => cells.Max(c => c.Count) * lineHeight + 2 * padding;

            var headerCells = Cells(header, bold: true);
            var headerHeight = Height(headerCells);
            DrawRow(headerCells, headerHeight, header: true, needed: headerHeight + Height(Cells(rows.ElementAtOrDefault(1) ?? [], false)));
            foreach (var row in rows.Skip(1))
            {
                var cells = Cells(row, bold: false);
                var height = Height(cells);
                if (_canvas is null || _y + height > PageHeight - Margin)
                {
                    Canvas(PageHeight);
                    DrawRow(headerCells, headerHeight, header: true, needed: headerHeight + height);
                }
                DrawRow(cells, height, header: false, needed: height);
            }
            _y += 6;

            void DrawRow(List<List<Run>>[] cells, float height, bool header, float needed)
            {
                var canvas = Canvas(needed);
                var x = Margin;
                using var border = new SKPaint { Color = Rule, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.6f };
                using var fill = new SKPaint { Color = HeaderFill, IsAntialias = true };
                for (var c = 0; c < columns; c++)
                {
                    var cell = SKRect.Create(x, _y, widths[c], height);
                    if (header) canvas.DrawRect(cell, fill);
                    canvas.DrawRect(cell, border);
                    for (var l = 0; l < cells[c].Count; l++)
                        DrawLine(canvas, cells[c][l], x + padding, _y + padding + (l + 1) * lineHeight - size * 0.3f, size);
                    x += widths[c];
                }
                _y += height;
            }
        }

        /// <summary>The criterion, level, descriptor, note table gets room for the descriptor; other tables share evenly.</summary>
        private static float[] ColumnWidths(int columns) => columns == 4
            ? [ContentWidth * 0.25f, ContentWidth * 0.15f, ContentWidth * 0.40f, ContentWidth * 0.20f]
            : Enumerable.Repeat(ContentWidth / columns, columns).ToArray();

        public void Finish()
        {
            if (_canvas is null) Canvas(0);
            document.EndPage();
        }

        /// <summary>Runs broken into lines no wider than <paramref name="width"/>, word by word.</summary>
        private static List<List<Run>> Layout(List<Run> runs, float size, float width)
        {
            var lines = new List<List<Run>> { new() };
            var used = 0f;
            foreach (var run in runs)
            {
                using var font = new SKFont(run.Face, size);
                var space = font.MeasureText(" ");
                foreach (var word in AfterSpaces().Split(run.Text).Where(w => w.Length > 0))
                {
                    var trimmed = word.TrimEnd();
                    var wordWidth = font.MeasureText(trimmed);
                    if (used > 0 && used + wordWidth > width)
                    {
                        lines.Add([]);
                        used = 0;
                    }
                    if (used == 0 && trimmed.Length == 0) continue;
                    lines[^1].Add(run with { Text = word, Face = Fonts.Covering(run.Face, trimmed) });
                    used += wordWidth + (word.Length > trimmed.Length ? space : 0);
                }
            }
            return lines;
        }

        private static void DrawLine(SKCanvas canvas, List<Run> line, float x, float baseline, float size)
        {
            using var paint = new SKPaint { Color = Ink, IsAntialias = true };
            foreach (var run in line)
            {
                using var font = new SKFont(run.Face, size);
                canvas.DrawText(run.Text.TrimEnd(), x, baseline, SKTextAlign.Left, font, paint);
                x += font.MeasureText(run.Text.TrimEnd()) + (run.Text.Length > run.Text.TrimEnd().Length ? font.MeasureText(" ") : 0);
            }
        }
    }
}
