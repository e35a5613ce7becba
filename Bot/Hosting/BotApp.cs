using Communaute.Bot.Delivery;
using Communaute.Bot.Dialogs;
using Communaute.Bot.Digest;
using Communaute.Bot.ExperienceDirectory;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Features;
using Communaute.Bot.Operations;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Security;
using Communaute.Bot.Sessions;
using Communaute.Bot.Storage;
using Communaute.Bot.WebChat;
using Communaute.Dialogs.Conversation;
using Communaute.Knowledge;
using Serilog;

namespace Communaute.Bot.Hosting;

/// <summary>Builds the bot's host: services, storage, channels and endpoints. Used by the server, the verbs and the tests.</summary>
public static class BotApp
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplicationBuilder CreateBuilder(string[] args, bool logToStandardError = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        AddUserSecrets(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        Operations.OperationsSetup.ListenForMetrics(builder, builder.Configuration["urls"] is { Length: > 0 } urls ? urls
            : builder.Configuration["ASPNETCORE_URLS"] is { Length: > 0 } env ? env : DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Information)
            .Enrich.With<LogSanitizer>()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: logToStandardError ? Serilog.Events.LogEventLevel.Verbose : null,
                // Logs sent elsewhere (the terminal chat writes them to a file) must not colour the terminal: the
                // default theme sets Console colours, which prints empty colour escapes between the chat's lines.
                theme: logToStandardError ? Serilog.Sinks.SystemConsole.Themes.ConsoleTheme.None : null,
                formatProvider: System.Globalization.CultureInfo.GetCultureInfo("fr-FR")),
            // Each host its own logger (several hosts share a process in tests and benches), not the static one.
            preserveStaticLogger: true);

        AddBotServices(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// User secrets in every environment (the bot runs as Production by default), ranked below environment
    /// variables and the command line so those still win.
    /// </summary>
    private static void AddUserSecrets(ConfigurationManager configuration)
    {
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        if (sources.Any(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path: "secrets.json" })) return;
        var probe = new ConfigurationBuilder().AddUserSecrets(typeof(BotApp).Assembly, optional: true);
        var secrets = probe.Sources.Last();
        var firstOverride = sources.Select((s, i) => (s, i))
            .FirstOrDefault(x => x.s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" }).i;
        sources.Insert(firstOverride > 0 ? firstOverride : sources.Count, secrets);
    }

    public static void AddBotServices(IServiceCollection services, IConfiguration configuration)
    {
        StartupConfiguration.Check(configuration);
        services.Configure<CommunityOptions>(configuration.GetSection("Community"));
        // The one clock of the bot (and of Quartz, which takes the container's TimeProvider): tests replace it.
        services.AddSingleton(TimeProvider.System);
        services.AddBotStorage(configuration);
        services.AddKnowledge(configuration);
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<TurnPipeline>();
        services.AddScoped<MemberDirectory>();
        services.AddBotSecurity(configuration);
        services.AddDelivery(configuration);
        services.AddWebChat(configuration);
        services.AddTeamsChannel(configuration);
        services.AddSlackChannel(configuration);
        services.AddOperations(configuration);

        services.AddDialogs();
        services.AddSessions(configuration);
        services.AddDigest(configuration);
        services.AddExperienceDirectory();
        services.AddFeature<HelpFeature>();
        services.AddFeature<ForwardQuestionFeature>();
        services.AddFeature<CuratorFeature>();
        services.AddFeature<SmallTalkFeature>();
        services.AddFeature<UnknownCommandFeature>();
        services.AddFeature<KnowledgeFeature>();
    }

    /// <summary>Registers a feature for routing, and for the help card when it contributes lines.</summary>
    public static IServiceCollection AddFeature<T>(this IServiceCollection services) where T : class, ITurnFeature
    {
        services.AddScoped<T>();
        services.AddScoped<ITurnFeature>(sp => sp.GetRequiredService<T>());
        if (typeof(IHelpContributor).IsAssignableFrom(typeof(T)))
            services.AddScoped(sp => (IHelpContributor)sp.GetRequiredService<T>());
        return services;
    }

    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        await StorageSetup.MigrateAsync(app.Services);
        app.Services.GetRequiredService<ReadinessCheck>().MigrationsApplied = true;
        await SecuritySetup.StartAsync(app);
        _ = app.Services.GetRequiredService<KnowledgeService>();

        app.UseBotSecurity();
        app.UseOperations();
        app.UseWebChat();
        app.MapDialogs();
        app.MapSessions();
        app.MapTeamsChannel();
        app.MapSlackChannel();
        return app;
    }
}
