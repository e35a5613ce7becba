namespace Communaute.Bot.Channels.Teams.Manifest;

/// <summary>
/// The two icons Teams requires: color (192×192, full colour) and outline (32×32, white on transparent).
/// Drawn by code — three linked circles, the community — so the repository holds no opaque artwork.
/// </summary>
public static class TeamsIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    public static byte[] Color() => PngWriter.Encode(ColorSize, ColorSize, (x, y) =>
    {
        var (u, v) = ((x + 0.5) / ColorSize, (y + 0.5) / ColorSize);
        var shape = Coverage(u, v, ColorSize);
        // Teal background (accent colour #0E7C7B), white motif.
        return (Mix(0x0E, 0xFF, shape), Mix(0x7C, 0xFF, shape), Mix(0x7B, 0xFF, shape), 0xFF);
    });

    public static byte[] Outline() => PngWriter.Encode(OutlineSize, OutlineSize, (x, y) =>
    {
        var shape = Coverage((x + 0.5) / OutlineSize, (y + 0.5) / OutlineSize, OutlineSize);
        return (0xFF, 0xFF, 0xFF, (byte)Math.Round(255 * shape));
    });

    /// <summary>How much of the pixel at (u, v) the white motif covers, antialiased over one pixel.</summary>
    private static double Coverage(double u, double v, int size)
    {
        (double X, double Y)[] centres = [(0.5, 0.30), (0.30, 0.66), (0.70, 0.66)];
        var radius = 0.15;
        var d = double.MaxValue;
        foreach (var (cx, cy) in centres) d = Math.Min(d, Distance(u, v, cx, cy) - radius);
        // Links between the circles.
        for (var i = 0; i < centres.Length; i++)
        {
            var (a, b) = (centres[i], centres[(i + 1) % centres.Length]);
            d = Math.Min(d, SegmentDistance(u, v, a, b) - 0.035);
        }
        var pixel = 1.0 / size;
        return Math.Clamp(0.5 - d / pixel, 0, 1);
    }

    private static double Distance(double x, double y, double cx, double cy) => Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));

    private static double SegmentDistance(double x, double y, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var t = Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
        return Distance(x, y, a.X + t * dx, a.Y + t * dy);
    }

    private static byte Mix(byte from, byte to, double t) => (byte)Math.Round(from + (to - from) * t);
}
