using Communaute.Bot.Digest;
using Communaute.Bot.ExperienceDirectory;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>The digest counts the month's new cards and introductions — counts, never names.</summary>
public sealed class DirectoryDigestTests
{
    [Fact]
    public void The_digest_has_a_directory_section_with_counts_only_when_something_happened()
    {
        var month = new YearMonth(2026, 12);
        var sections = DigestDraftBuilder.Build(new DigestSources(month, 1, [], [], [], [], null, new DirectoryFigures(3, 7)));
        var directory = Assert.Single(sections, s => s.Kind == SectionKinds.Directory);
        Assert.Contains("Nouvelles fiches d'expérience ce mois-ci : 3", directory.Text);
        Assert.Contains("Mises en relation : 7", directory.Text);
        Assert.Empty(DigestDraftBuilder.Build(new DigestSources(month, 1, [], [], [], [], null)));
    }

    [Fact]
    public async Task The_figures_count_cards_published_and_introductions_accepted_in_the_period()
    {
        await using var host = await DirectoryHost.StartAsync();
        var bruno = new TestChat(host, "bruno", "Bruno");
        var alice = new TestChat(host, "alice", "Alice");
        var from = host.Clock.GetCurrentInstant() - Duration.FromDays(1);
        await bruno.PublishesAsync("financement participatif");
        await alice.PublishesAsync("statut SCIC");
        (await new TestChat(host, "chloe", "Chloé").Says("je peux aider sur : mécénat")).Answers("brouillon");
        (await alice.Says($"mise en relation {await host.MemberIdAsync("bruno")} : financement")).Answers("Demande envoyée");
        await bruno.ClicksSent(host, "Accepter");
        await using var scope = host.Services.CreateAsyncScope();
        var figures = await scope.ServiceProvider.GetRequiredService<DirectoryDigestFigures>()
            .ReadAsync(from, host.Clock.GetCurrentInstant() + Duration.FromMinutes(1), CancellationToken.None);
        Assert.Equal(new DirectoryFigures(2, 1), figures);
    }
}
