using ScottPlot;

namespace Communaute.Dialogs.Characterisation;

/// <summary>The profile picture: a radar chart PNG, one axis per criterion, levels 0 (Inexistant) to 3 (Fort).</summary>
public static class RadarChart
{
    public const int Width = 900;
    public const int Height = 760;

    /// <param name="current">Levels by criterion id (missing: drawn at 0).</param>
    /// <param name="previous">The previous result, drawn underneath to show the change; null for none.</param>
    public static byte[] RenderPng(Grid grid, IReadOnlyDictionary<string, int> current, IReadOnlyDictionary<string, int>? previous) =>
        Build(grid, current, previous).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The plot before rendering: one radar with a spoke per criterion and a series per result shown.</summary>
    public static Plot Build(Grid grid, IReadOnlyDictionary<string, int> current, IReadOnlyDictionary<string, int>? previous)
    {
        var criteria = grid.Criteria;
        var series = new List<double[]>();
        if (previous is not null) series.Add(Values(criteria, previous));
        series.Add(Values(criteria, current));

        var plot = new Plot();
        var radar = plot.Add.Radar(series);
        radar.PolarAxis.SetSpokes(criteria.Select(c => Wrap(c.Name)).ToArray(), 3.45);
        radar.PolarAxis.SetCircles([1, 2, 3], ["Faible", "Intermédiaire", "Fort"]);
        var last = radar.Series[^1];
        last.FillColor = Colors.SteelBlue.WithAlpha(0.35);
        last.LineColor = Colors.SteelBlue;
        last.LegendText = previous is null ? "Votre profil" : "Aujourd'hui";
        if (previous is not null)
        {
            var before = radar.Series[0];
            before.FillColor = Colors.Gray.WithAlpha(0.15);
            before.LineColor = Colors.Gray;
            before.LegendText = "La fois précédente";
            plot.ShowLegend(Alignment.LowerRight);
        }
        plot.HideAxesAndGrid();
        plot.Title("Profil d'innovation sociale");
        return plot;
    }

    /// <summary>How many axes a chart of this grid has (one per criterion).</summary>
    public static int AxisCount(Grid grid) => grid.Criteria.Count;

    private static double[] Values(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> levels) =>
        criteria.Select(c => (double)Math.Clamp(levels.GetValueOrDefault(c.Id, 0), 0, 3)).ToArray();

    private static string Wrap(string name)
    {
        if (name.Length <= 18) return name;
        var middle = name.LastIndexOf(' ', name.Length / 2 + 4);
        return middle > 0 ? name[..middle] + "\n" + name[(middle + 1)..] : name;
    }
}
