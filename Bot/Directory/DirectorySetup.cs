using Communaute.Bot.ExperienceDirectory.Features;
using Communaute.Bot.Hosting;
using Communaute.Bot.Privacy;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>The experience directory: cards by consent, search in French, introductions with double consent.</summary>
public static class DirectorySetup
{
    public static IServiceCollection AddExperienceDirectory(this IServiceCollection services)
    {
        services.AddSingleton<DirectoryIndexCache>();
        services.AddScoped<CardStore>();
        services.AddScoped<CardProposals>();
        services.AddScoped<DirectorySearchService>();
        services.AddScoped<IntroductionService>();
        services.AddScoped<CoverageReport>();
        services.AddScoped<PeerOffer>();
        services.AddScoped<DirectoryDigestFigures>();
        services.AddScoped<IPersonalDataSource, DirectoryPersonalData>();
        services.AddFeature<DirectoryFeature>();
        return services;
    }
}
