using SkiaSharp;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// The profile picture: a radar, one spoke per criterion, levels 0 (Inexistant, the centre) to 3 (Fort). A criterion
/// answered "je ne sais pas" is not drawn as 0: its spoke is marked "?" and the shape goes round it (dashed).
/// Drawn with SkiaSharp on any canvas: a PNG for cards, vectors inside the PDF export.
/// </summary>
public static class RadarChart
{
    public const int Width = 900;
    public const int Height = 760;

    private static readonly SKColor Current = new(0x1F, 0x5F, 0x99);
    private static readonly SKColor Previous = new(0x80, 0x80, 0x80);
    private static readonly SKColor Grid = new(0xC8, 0xCC, 0xD2);
    private static readonly SKColor Ink = new(0x1B, 0x1B, 0x1B);
    private static readonly SKColor Unknown = new(0xA4, 0x5A, 0x00);

    /// <param name="current">Levels by criterion id (missing: "je ne sais pas", not drawn).</param>
    /// <param name="previous">The previous result, drawn underneath to show the change; null for none.</param>
    /// <param name="skipped">Criteria passed over (« passer »): marked "–", apart from "?" (« je ne sais pas »).</param>
    public static byte[] RenderPng(Grid grid, IReadOnlyDictionary<string, int> current, IReadOnlyDictionary<string, int>? previous,
        IReadOnlySet<string>? skipped = null)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        Draw(surface.Canvas, SKRect.Create(0, 0, Width, Height), grid, current, previous, skipped);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>How many axes a chart of this grid has (one per criterion).</summary>
    public static int AxisCount(Grid grid) => grid.Criteria.Count;

    /// <summary>
    /// Where each criterion's point is, as a fraction of the radius (0 = centre, 1 = "Fort"), or null when unknown.
    /// Spoke i is at angle −90° + i × 360°/n (the first at the top, clockwise).
    /// </summary>
    public static IReadOnlyList<double?> Shape(Grid grid, IReadOnlyDictionary<string, int> levels) =>
        grid.Criteria.Select(c => levels.TryGetValue(c.Id, out var l) ? Math.Clamp(l, 0, 3) / 3.0 : (double?)null).ToList();

    /// <summary>Draws the chart in <paramref name="area"/> (its proportions are kept: 900 × 760).</summary>
    public static void Draw(SKCanvas canvas, SKRect area, Grid grid, IReadOnlyDictionary<string, int> current, IReadOnlyDictionary<string, int>? previous,
        IReadOnlySet<string>? skipped = null)
    {
        bool Passed(int i) => skipped?.Contains(grid.Criteria[i].Id) == true;
        canvas.Save();
        var scale = Math.Min(area.Width / Width, area.Height / Height);
        canvas.Translate(area.Left + (area.Width - Width * scale) / 2, area.Top + (area.Height - Height * scale) / 2);
        canvas.Scale(scale);

        var criteria = grid.Criteria;
        var n = criteria.Count;
        var centre = new SKPoint(Width / 2f, 395);
        const float radius = 245;
        SKPoint At(int i, double fraction)
        {
            var angle = -Math.PI / 2 + i * 2 * Math.PI / n;
            return new SKPoint(centre.X + (float)(Math.Cos(angle) * radius * fraction), centre.Y + (float)(Math.Sin(angle) * radius * fraction));
        }

        using var title = new SKFont(Fonts.Bold, 26);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        canvas.DrawText("Profil d'innovation sociale", Width / 2f, 44, SKTextAlign.Center, title, ink);

        // The grid: a ring per level, a spoke per criterion, the levels named along the first spoke.
        using var gridLine = new SKPaint { Color = Grid, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.2f };
        using var small = new SKFont(Fonts.Regular, 13);
        using var subtle = new SKPaint { Color = new SKColor(0x5A, 0x5A, 0x5A), IsAntialias = true };
        for (var level = 1; level <= 3; level++)
        {
            using var ring = new SKPath();
            for (var i = 0; i < n; i++)
                if (i == 0) ring.MoveTo(At(i, level / 3.0)); else ring.LineTo(At(i, level / 3.0));
            ring.Close();
            canvas.DrawPath(ring, gridLine);
            var mark = At(0, level / 3.0);
            canvas.DrawText(grid.Levels[level], mark.X + 6, mark.Y - 4, SKTextAlign.Left, small, subtle);
        }
        for (var i = 0; i < n; i++) canvas.DrawLine(centre, At(i, 1), gridLine);

        if (previous is not null) DrawShape(canvas, Shape(grid, previous), At, Previous, fillAlpha: 40, dots: false);
        var shape = Shape(grid, current);
        DrawShape(canvas, shape, At, Current, fillAlpha: 90, dots: true);

        // "?" where the holder does not know: on the spoke, between the centre and the first ring, never at 0.
        using var unknownFont = new SKFont(Fonts.Bold, 16);
        using var unknownPaint = new SKPaint { Color = Unknown, IsAntialias = true };
        using var unknownRing = new SKPaint { Color = Unknown, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        for (var i = 0; i < n; i++)
        {
            if (shape[i] is not null) continue;
            var p = At(i, 0.62);
            canvas.DrawCircle(p, 11, new SKPaint { Color = SKColors.White, IsAntialias = true });
            canvas.DrawCircle(p, 11, unknownRing);
            canvas.DrawText(Passed(i) ? "–" : "?", p.X, p.Y + 6, SKTextAlign.Center, unknownFont, unknownPaint);
        }

        // The criteria's names around the chart, on two lines at most.
        using var label = new SKFont(Fonts.Regular, 15);
        using var labelUnknown = new SKFont(Fonts.Italic, 15);
        for (var i = 0; i < n; i++)
        {
            var anchor = At(i, 1.12);
            var align = anchor.X < centre.X - 20 ? SKTextAlign.Right : anchor.X > centre.X + 20 ? SKTextAlign.Left : SKTextAlign.Center;
            var known = shape[i] is not null;
            var lines = Fonts.Wrap(criteria[i].Name + (known ? "" : Passed(i) ? " (passé)" : " (?)"), label, 175).ToList();
            var top = anchor.Y - (lines.Count - 1) * 9 + 5;
            if (anchor.Y < centre.Y - radius * 0.9f) top -= 8;
            if (anchor.Y > centre.Y + radius * 0.9f) top += 8;
            for (var l = 0; l < lines.Count; l++)
                canvas.DrawText(lines[l], anchor.X, top + l * 18, align, known ? label : labelUnknown, known ? ink : unknownPaint);
        }

        // The legend.
        using var legend = new SKFont(Fonts.Regular, 15);
        var y = Height - 46f;
        void Key(SKColor color, string text, float x)
        {
            canvas.DrawRect(SKRect.Create(x, y - 12, 16, 16), new SKPaint { Color = color.WithAlpha(140), IsAntialias = true });
            canvas.DrawText(text, x + 24, y + 2, SKTextAlign.Left, legend, ink);
        }
        Key(Current, previous is null ? "Votre profil" : "Aujourd'hui", 40);
        if (previous is not null) Key(Previous, "La fois précédente", 200);
        var keys = new List<string>();
        if (Enumerable.Range(0, n).Any(i => shape[i] is null && !Passed(i))) keys.Add("? : « je ne sais pas »");
        if (Enumerable.Range(0, n).Any(i => shape[i] is null && Passed(i))) keys.Add("– : passé");
        if (keys.Count > 0)
            canvas.DrawText(string.Join(" ; ", keys) + " (non placé sur l'axe)", Width - 40, y + 2, SKTextAlign.Right, legend, unknownPaint);
        canvas.DrawText("Du centre vers l'extérieur : Inexistant, Faible, Intermédiaire, Fort.", 40, y + 26, SKTextAlign.Left, small, subtle);
        canvas.Restore();
    }

    /// <summary>The shape through the known points; a stretch across unknown spokes is dashed, never pulled to 0.</summary>
    private static void DrawShape(SKCanvas canvas, IReadOnlyList<double?> shape, Func<int, double, SKPoint> at, SKColor color, byte fillAlpha, bool dots)
    {
        var known = Enumerable.Range(0, shape.Count).Where(i => shape[i] is not null).ToList();
        if (known.Count == 0) return;
        using var fill = new SKPaint { Color = color.WithAlpha(fillAlpha), IsAntialias = true, Style = SKPaintStyle.Fill };
        using var line = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3, StrokeJoin = SKStrokeJoin.Round };
        using var dashed = new SKPaint
        {
            Color = color.WithAlpha(170), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2,
            PathEffect = SKPathEffect.CreateDash([8, 7], 0),
        };
        using var area = new SKPath();
        foreach (var i in known)
            if (i == known[0]) area.MoveTo(at(i, shape[i]!.Value)); else area.LineTo(at(i, shape[i]!.Value));
        area.Close();
        if (known.Count > 2) canvas.DrawPath(area, fill);
        for (var k = 0; k < known.Count && known.Count > 1; k++)
        {
            var from = known[k];
            var to = known[(k + 1) % known.Count];
            if (known.Count == 2 && k == 1) break;
            var adjacent = (from + 1) % shape.Count == to;
            canvas.DrawLine(at(from, shape[from]!.Value), at(to, shape[to]!.Value), adjacent ? line : dashed);
        }
        if (!dots) return;
        using var dot = new SKPaint { Color = color, IsAntialias = true };
        foreach (var i in known) canvas.DrawCircle(at(i, shape[i]!.Value), 5, dot);
    }
}
