using Communaute.Bot.Delivery;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Teams;

/// <summary>Registers the Teams channel: `services.AddTeamsChannel(configuration)` and `app.MapTeamsChannel()`.</summary>
public static class TeamsSetup
{
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TeamsOptions>(configuration.GetSection(TeamsOptions.Section));
        services.AddHttpClient(BotConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(2)).RemoveAllLoggers();
        services.AddSingleton<IBotTokenSource, MsalBotTokenSource>();
        services.AddSingleton<TeamsAuthenticator>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<TeamsActivityHandler>();
        services.AddScoped<IInboxHandler, TeamsInboxHandler>();
        services.AddScoped<IChannelSender, TeamsSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeamsChannel(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Teams");
        if (options.AuthenticationEnabled)
            logger.LogInformation("Teams : /api/messages authentifié (app id {AppId}, métadonnées {Metadata})", options.AppId, options.OpenIdMetadataUrl);
        else
            logger.LogWarning("""
                ******************************************************************************
                * Teams : AUCUN Teams:AppId configuré — /api/messages accepte les activités  *
                * SANS AUTHENTIFICATION. Réservé au développement local (Agents Playground). *
                * Ne jamais déployer ainsi en production.                                    *
                ******************************************************************************
                """);
        app.MapPost(TeamsEndpoints.Route, TeamsEndpoints.ReceiveAsync);
        return app;
    }
}
