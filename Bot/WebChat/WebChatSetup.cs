using Communaute.Bot.Channels;
using Communaute.Bot.Delivery;
using Communaute.Bot.Privacy;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The local chat page: a development and try-out surface, served only in the Development environment or when
/// WebChat:Enabled=true (it shares the public port with /api/messages).
/// </summary>
public static class WebChatSetup
{
    /// <summary>The page's policy: no inline script, nothing from elsewhere (kept when the host already sets one).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebChatOptions>(configuration.GetSection("WebChat"));
        services.AddScoped<WebChatSessions>();
        services.AddSingleton<WebChatSessionLimiter>();
        services.AddDueWork<WebChatIdleSessions>();
        services.AddScoped<WebChatTranscript>();
        services.AddScoped<IChannelSender, WebChatConnector>();
        services.AddScoped<IInProcessDelivery, WebChatTurnDelivery>();
        services.AddScoped<IPersonalDataSource, WebChatPersonalData>();
        return services;
    }

    public static bool IsEnabled(WebApplication app) =>
        app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.Enabled ?? app.Environment.IsDevelopment();

    /// <summary>The page (static files) and its API, when enabled.</summary>
    public static WebApplication UseWebChat(this WebApplication app)
    {
        if (!IsEnabled(app))
        {
            app.Logger.LogInformation("Page de discussion désactivée (environnement {Environment}) : WebChat:Enabled=true pour l'ouvrir", app.Environment.EnvironmentName);
            return app;
        }
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                if (file.File.Name.EndsWith(".html", StringComparison.Ordinal)) headers.CacheControl = "no-cache";
            },
        });
        app.MapWebChatApi();
        return app;
    }
}
