using System.Net;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Delivery;
using Communaute.Bot.Pipeline;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Security;

/// <summary>
/// Roles, facilitator scope, signed links, public URLs, limits, retention, security headers and the handling of
/// hostile requests: <c>services.AddBotSecurity(configuration)</c>, <c>app.UseBotSecurity()</c> before the endpoints,
/// and <c>await SecuritySetup.StartAsync(app)</c> once the database is migrated.
/// </summary>
public static class SecuritySetup
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static IServiceCollection AddBotSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.Configure<KestrelServerOptions>(k => k.AddServerHeader = false);
        services.AddHttpContextAccessor();
        services.AddSingleton<RejectionLog>();
        services.AddHostedService<RejectionLogFlusher>();
        services.AddSingleton<RoleConfiguration>();
        services.AddScoped<RoleDirectory>();
        services.AddSingleton<MembershipCache>();
        services.AddScoped<CommunityMembership>();
        services.AddSingleton<IFacilitatorScope, ConfiguredFacilitatorScope>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<LinkSigningKey>();
        services.AddSingleton<SignedLinks>();
        services.AddDueWork<RetentionWork>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, security) => TrustProxies(o, security.Value));
        services.AddBotRateLimits();
        return services;
    }

    /// <summary>The middleware, in order: trusted X-Forwarded-*, security headers and hostile-request handling, per-client limits.</summary>
    public static WebApplication UseBotSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(GuardAsync);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Once the database is ready: the link key, stored members' roles as configuration says now, and warnings about a
    /// configuration that would break links in Teams or Slack. A bad role list throws <see cref="BotConfigurationException"/>.
    /// </summary>
    public static async Task StartAsync(WebApplication app, CancellationToken ct = default)
    {
        var services = app.Services;
        services.GetRequiredService<RoleConfiguration>();
        await services.GetRequiredService<LinkSigningKey>().LoadAsync(ct);
        var changed = await RoleConfiguration.SyncStoredRolesAsync(services.GetRequiredService<IServiceScopeFactory>(), ct);
        if (changed > 0) app.Logger.LogInformation("Rôles : {Count} membre(s) enregistré(s) mis à jour selon la configuration", changed);

        var community = services.GetRequiredService<IOptions<CommunityOptions>>().Value;
        var teams = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (string.IsNullOrWhiteSpace(community.PublicBaseUrl) && (teams.AuthenticationEnabled || !string.IsNullOrWhiteSpace(slack.SigningSecret) || !string.IsNullOrWhiteSpace(slack.BotToken)))
            app.Logger.LogWarning("Teams ou Slack est configuré mais Community:PublicBaseUrl est vide : les images et liens de téléchargement " +
                                  "envoyés dans Teams et Slack suivront l'adresse des requêtes reçues, et manqueront pour les messages envoyés " +
                                  "hors d'une requête (rappels, digest) après un redémarrage. Renseignez l'adresse publique du bot (https://…).");
    }

    private static void TrustProxies(ForwardedHeadersOptions o, SecurityOptions security)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        // Loopback (a proxy on the same machine) stays trusted; add the others by address or network.
        foreach (var proxy in ConfigList.Split(security.KnownProxies))
            if (IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
            else throw new BotConfigurationException($"Security:KnownProxies : « {proxy} » n'est pas une adresse IP.");
        foreach (var network in ConfigList.Split(security.KnownNetworks))
            if (System.Net.IPNetwork.TryParse(network, out var parsed)) o.KnownIPNetworks.Add(parsed);
            else throw new BotConfigurationException($"Security:KnownNetworks : « {network} » n'est pas un réseau CIDR (10.0.0.0/8).");
        o.ForwardLimit = 1 + o.KnownProxies.Count + o.KnownIPNetworks.Count;
    }

    /// <summary>
    /// Security headers on every response (page, API, files), no "Server" header (Kestrel option), and a request the
    /// server itself refuses (a body over the size limit, a broken chunked encoding) answered 413/400 with a short reason,
    /// counted in the rejection summary rather than logged as an unhandled exception.
    /// </summary>
    /// <summary>An exception caused by text that is not valid Unicode (System.Text.Json refuses to read it as a string).</summary>
    public static bool IsMalformedText(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Text.DecoderFallbackException or System.Text.EncoderFallbackException) return true;
            if (e is InvalidOperationException && e.Source?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true
                && e.Message.Contains("UTF-", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static async Task GuardAsync(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, http.Response);
        try
        {
            await next(http);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            http.RequestServices.GetRequiredService<RejectionLog>().Record("HTTP",
                e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "corps de requête au-delà de la limite (413)" : $"requête malformée ({e.StatusCode})",
                http.Connection.RemoteIpAddress);
            http.Response.Clear();
            http.Response.StatusCode = e.StatusCode;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Requête trop volumineuse." : "Requête malformée.");
            return;
        }
        catch (Exception e) when (IsMalformedText(e) && !http.Response.HasStarted)
        {
            // Invalid UTF-8 bytes or a lone surrogate ("\ud800") in a JSON string, met by code reading a field: the
            // input is at fault, whichever endpoint read it.
            http.RequestServices.GetRequiredService<RejectionLog>().Record("HTTP", $"texte mal encodé sur {RateLimits.Kind(http.Request.Path)} (400)", http.Connection.RemoteIpAddress);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync("{\"error\":\"Requête illisible : texte mal encodé (UTF-8 ou UTF-16 invalide).\"}");
            return;
        }
        http.RequestServices.GetRequiredService<PublicUrls>().ObserveAccepted(http);
    }
}
