using System.Buffers.Binary;
using System.Net;
using Communaute.Bot.Dialogs;
using Communaute.Bot.Rendering;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Characterisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Dialogs;

/// <summary>What the holder gets: the result card on every surface, the chart, the pitch, the export.</summary>
public sealed class ProfileResultTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(listen: true);
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [SkippableFact]
    public async Task Every_card_of_the_dialogue_passes_the_official_adaptive_card_parser()
    {
        var alice = new TestChat(_host);
        var said = new List<BotSaid>
        {
            await alice.Says("caractériser"),
            await alice.Says("commencer"),
        };
        said.Add(await alice.Says("Un besoin"));
        await alice.Says("Une réponse");
        said.Add(await alice.Says("Un changement"));
        for (var i = 0; i < 12; i++) said.Add(await alice.Says(CharacterisationPath.DefaultLevels[i]));
        said.Add(await alice.Says("corriger"));
        said.Add(await alice.Says("Viabilité économique"));
        said.Add(await alice.Says("fort : nouvelle subvention"));
        said.Add(await alice.Says("valider"));
        said.Add(await alice.Says("préparer mon pitch"));
        said.Add(await alice.Says("garder"));
        said.Add(await alice.Says("exporter mon profil"));

        var cards = said.SelectMany(s => s.Replies).Where(r => r.Card is not null).Select(r => AdaptiveCardRenderer.Render(r.Card!)).ToArray();
        Assert.True(cards.Length >= 15);
        var result = said.Single(s => s.Text.Contains("Votre profil d'innovation sociale")).Replies.Single(r => r.Card?.Image is not null);
        Assert.Contains("\"Image\"", AdaptiveCardRenderer.Render(result.Card!).ToJsonString());
        await CardValidator.AssertValidAsync(cards);
    }

    [Fact]
    public async Task The_result_reads_well_as_plain_text()
    {
        var bot = await CharacterisationPath.Complete(new TestChat(_host));
        var text = string.Join("\n", bot.Replies.Select(r => PlainTextRenderer.Render(r).Text));
        Assert.Contains("[image : Graphique radar", text);
        Assert.Contains("Caractère collectif du projet : Fort", text);
        Assert.Contains("Ouverture à la recherche : Inexistant", text);
        Assert.Contains("Préparer mon pitch", text);
    }

    [Fact]
    public async Task The_chart_has_one_axis_per_criterion_and_is_served_as_a_png()
    {
        var bot = await CharacterisationPath.Complete(new TestChat(_host));
        var url = TestLinks.Of(bot.Replies.Single(r => r.Card?.Image is not null).Card!.Image!.Url);
        using var http = _host.CreateClient();
        var response = await http.GetAsync(url.PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(RadarChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(RadarChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

        // Files are served only through the signed links the bot gives (Security/SignedLinkTests).
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("media/inconnu.png")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(url.PathAndQuery.TrimStart('/').Replace(".png", ".md"))).StatusCode);
    }

    [Fact]
    public void The_radar_has_twelve_spokes_and_a_shape_per_result_shown()
    {
        var grid = Grid.Current;
        var now = grid.Criteria.ToDictionary(c => c.Id, _ => 2);
        var before = grid.Criteria.ToDictionary(c => c.Id, _ => 1);

        Assert.Equal(12, RadarChart.AxisCount(grid));
        var shape = RadarChart.Shape(grid, now);
        Assert.Equal(12, shape.Count);
        Assert.All(shape, v => Assert.Equal(2 / 3.0, v));

        var single = RadarChart.RenderPng(grid, now, null);
        var both = RadarChart.RenderPng(grid, now, before);
        Assert.True(single.Length > 10_000);
        Assert.NotEqual(single, both);
        using var bitmap = SkiaSharp.SKBitmap.Decode(both);
        Assert.Equal((RadarChart.Width, RadarChart.Height), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Je_ne_sais_pas_is_not_drawn_as_zero_but_marked_on_its_spoke()
    {
        var grid = Grid.Current;
        var research = grid.Criteria.Single(c => c.Id == "ouverture-recherche");
        var known = grid.Criteria.Where(c => c != research).ToDictionary(c => c.Id, _ => 2);
        var asZero = new Dictionary<string, int>(known) { [research.Id] = 0 };

        var shape = RadarChart.Shape(grid, known);
        Assert.Null(shape[grid.Criteria.ToList().IndexOf(research)]);
        Assert.Equal(11, shape.Count(v => v is not null));

        // Not the picture of a "0": the spoke is marked, the shape does not dive to the centre.
        using var unknown = SkiaSharp.SKBitmap.Decode(RadarChart.RenderPng(grid, known, null));
        using var zero = SkiaSharp.SKBitmap.Decode(RadarChart.RenderPng(grid, asZero, null));
        var angle = -Math.PI / 2 + 11 * 2 * Math.PI / 12;
        var centre = (X: RadarChart.Width / 2.0, Y: 395.0);
        var halfway = (X: (int)(centre.X + Math.Cos(angle) * 245 * 0.33), Y: (int)(centre.Y + Math.Sin(angle) * 245 * 0.33));
        Assert.NotEqual(zero.GetPixel(halfway.X, halfway.Y), unknown.GetPixel(halfway.X, halfway.Y));
    }

    [Fact]
    public async Task The_pitch_helper_walks_through_the_three_parts_and_assembles_the_pitch()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        (await alice.Clicks("Préparer mon pitch")).Answers("Mon projet en 2 mots", "1/3");
        (await alice.Says("Voisins Solidaires relie les aînés isolés du Haut-Béarn à des voisins formés.")).Answers("Mon innovation sociale", "2/3", CharacterisationPath.Need);
        (await alice.Clicks("Garder")).Answers("Mes axes d'amélioration et mes questions", "3/3", "la place des bénéficiaires dans le projet");
        var pitch = await alice.Says("Associer davantage les bénéficiaires à la gouvernance. Ma question : quels financements ?");
        pitch.Answers("Votre pitch", "Mon projet en 2 mots.", "Voisins Solidaires", "Mon innovation sociale.", CharacterisationPath.Answer,
            "Mes axes d'amélioration et mes questions.", "quels financements", "dans les 3 minutes");

        await using var scope = _host.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<CharacterisationRecord>().SingleAsync();
        Assert.Contains("Voisins Solidaires", record.Pitch);
    }

    [Fact]
    public async Task The_pitch_works_without_a_characterisation_and_can_be_skipped_entirely()
    {
        var bob = new TestChat(_host, "bob", "Bob");
        (await bob.Says("préparer mon pitch")).Answers("Mon projet en 2 mots").DoesNotSay("Proposition tirée");
        (await bob.Says("Une épicerie solidaire itinérante.")).Answers("Mon innovation sociale").DoesNotSay("Proposition tirée");
        await bob.Says("passer");
        (await bob.Says("Trouver des financements.")).Answers("Votre pitch", "épicerie solidaire", "Trouver des financements").DoesNotSay("Mon innovation sociale.");

        await bob.Says("pitch");
        await bob.Says("passer");
        await bob.Says("passer");
        (await bob.Says("passer")).Answers("pas encore de pitch");
    }

    [Fact]
    public void A_long_pitch_is_flagged_beyond_three_minutes()
    {
        var text = string.Join(' ', Enumerable.Repeat("mot", 500));
        Assert.True(PitchDialog.EstimatedSeconds(text) > 180);
        Assert.True(PitchDialog.EstimatedSeconds(PitchDialog.Assemble("a b c", "d e f", null)) < 10);
    }

    [Fact]
    public async Task The_markdown_export_has_the_answers_levels_targets_and_pitch()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        await alice.Says("préparer mon pitch");
        await alice.Says("Voisins Solidaires");
        await alice.Says("garder");
        await alice.Says("garder");
        var export = await alice.Says("exporter mon profil");
        export.Answers("Markdown", "PDF");
        var link = export.Replies.Single(r => r.Card is not null).Card!.Links.First(l => TestLinks.Of(l.Url).AbsolutePath.EndsWith(".md"));
        using var http = _host.CreateClient();
        var markdown = await http.GetStringAsync(TestLinks.Of(link.Url).PathAndQuery.TrimStart('/'));
        Assert.Contains("# Profil d'innovation sociale — Alice Martin", markdown);
        Assert.Contains(CharacterisationPath.Need, markdown);
        Assert.Contains("| Caractère collectif du projet | Fort |", markdown);
        Assert.Contains("## Pistes de progression", markdown);
        Assert.Contains("## Mon pitch (3 minutes)", markdown);
        Assert.Contains(Grid.Current.Version, markdown);

        // The same profile as a PDF: see ProfilePdfTests for how it reads.
        var pdfLink = export.Replies.Single(r => r.Card is not null).Card!.Links.First(l => TestLinks.Of(l.Url).AbsolutePath.EndsWith(".pdf"));
        using var pdfResponse = await http.GetAsync(TestLinks.Of(pdfLink.Url).PathAndQuery.TrimStart('/'));
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await pdfResponse.Content.ReadAsByteArrayAsync(), 0, 5));
    }

    [Fact]
    public void The_grid_data_matches_the_source_workshop()
    {
        var grid = Grid.Current;
        Assert.Equal(["Portage", "Contenu", "Contexte"], grid.Groups.Select(g => g.Name));
        Assert.Equal([4, 3, 5], grid.Groups.Select(g => g.Criteria.Count));
        Assert.Equal(["Inexistant", "Faible", "Intermédiaire", "Fort"], grid.Levels);
        Assert.Equal("Caractère collectif du projet", grid.Criteria[0].Name);
        Assert.Equal("Le projet est porté par une seule personne", grid.Criteria[0].Levels[0]);
        Assert.Equal("Le projet procède, pour partie, d'un partenariat avec des chercheurs", grid.Criteria[^1].Levels[3]);
        // Every descriptor is the one of the curated knowledge file of that criterion.
        foreach (var c in grid.Criteria)
        {
            var file = File.ReadAllText(Path.Combine(RepoPaths.KnowledgeBase, c.KnowledgeEntry + ".md"));
            Assert.Contains($"**{c.SourceName ?? c.Name}**", file);
            for (var l = 0; l < 4; l++)
                Assert.Contains($"| {grid.Levels[l]} | {c.Levels[l]}", file.Replace("*adaptées*", "adaptées").Replace("(*scaling up*)", "(scaling up)"));
        }
        Assert.Equal(3, grid.KeyQuestions.Count);
    }
}
