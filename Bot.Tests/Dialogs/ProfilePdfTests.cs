using System.Text.RegularExpressions;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.WebChat;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>
/// The PDF export as a reader sees it, through Debian's poppler-utils: rendered to PNG pages (pdftoppm), its text
/// extracted in reading layout (pdftotext), its pictures listed (pdfimages). The chart is vectors, the tables tables.
/// </summary>
public sealed class ProfilePdfTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync(listen: true);
        _folder = Directory.CreateTempSubdirectory("profile-pdf-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [SkippableFact]
    public async Task The_pdf_export_renders_with_readable_text_a_vector_chart_and_real_tables()
    {
        ExternalTools.RequireProgram("pdftoppm", "poppler-utils");
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        await alice.Says("préparer mon pitch");
        await alice.Says("Voisins Solidaires relie les aînés isolés à des voisins formés.");
        await alice.Says("garder");
        await alice.Says("garder");
        var export = await alice.Says("exporter mon profil");
        var link = export.Replies.Single(r => r.Card is not null).Card!.Links.First(l => new Uri(l.Url, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? TestLinks.Of(l.Url).AbsolutePath.EndsWith(".pdf", StringComparison.Ordinal) : l.Url.Split('?')[0].EndsWith(".pdf", StringComparison.Ordinal));
        using var http = _host.CreateClient();
        var pdf = Path.Combine(_folder, "profil.pdf");
        await File.WriteAllBytesAsync(pdf, await http.GetByteArrayAsync(TestLinks.Of(link.Url).PathAndQuery.TrimStart('/')));

        // Pages as pictures, at print-preview resolution; kept for a person to look at.
        var (code, output) = await ExternalTools.RunAsync("pdftoppm", ["-r", "110", "-png", pdf, Path.Combine(_folder, "page")], _folder, null, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        var pages = Directory.GetFiles(_folder, "page-*.png").Order().ToList();
        Assert.True(pages.Count >= 2, "au moins deux pages");
        Directory.CreateDirectory(ChatBrowser.ScreenshotFolder);
        foreach (var page in pages)
        {
            Assert.True(new FileInfo(page).Length > 20_000, $"{page} est presque vide");
            File.Copy(page, Path.Combine(ChatBrowser.ScreenshotFolder, "pdf-" + Path.GetFileName(page)), overwrite: true);
        }

        (code, var text) = await ExternalTools.RunAsync("pdftotext", ["-layout", pdf, "-"], _folder, null, TimeSpan.FromMinutes(1), stdoutOnly: true);
        Assert.Equal(0, code);
        Assert.Contains("Profil d'innovation sociale — Alice Martin", text);
        Assert.Contains(CharacterisationPath.Need, Regex.Replace(text, @"\s+", " "));
        // A table keeps its columns: the header on one line, each criterion on the line of its level.
        Assert.Matches(@"Critère\s+Niveau\s+Descripteur\s+Note", text);
        Assert.Matches(@"Richesse du collectif\s+Intermédiaire\s+Le collectif", text);
        Assert.Matches(@"Ancrage territorial\s+Intermédiaire", text);
        // The chart is drawn as text and lines: its labels can be read (and searched) like the rest.
        Assert.Contains("Du centre vers l'extérieur", text);
        Assert.True(Regex.IsMatch(text, @"Viabilité économique( \(\?\)|[^\n]*\n\s*\(\?\))"), text);
        Assert.Contains("Je ne sais pas encore", text);
        Assert.Contains("Pour la suite, nous voulons renforcer", Regex.Replace(text, @"\s+", " "));

        (code, var images) = await ExternalTools.RunAsync("pdfimages", ["-list", pdf], _folder, null, TimeSpan.FromMinutes(1), stdoutOnly: true);
        Assert.Equal(0, code);
        var pictures = images.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.True(pictures.Count == 0, "Le PDF ne devrait contenir aucune image (graphique vectoriel) :\n" + images);
    }
}
