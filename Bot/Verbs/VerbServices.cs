using Communaute.Bot.Hosting;
using Communaute.Knowledge;

namespace Communaute.Bot.Verbs;

/// <summary>The knowledge service alone, for verbs that need no web server nor database.</summary>
public static class VerbServices
{
    public static KnowledgeService Knowledge(string[] args, out IServiceProvider services)
    {
        var builder = BotApp.CreateBuilder(ConfigurationArgs(args), logToStandardError: true);
        builder.Configuration["Knowledge:WatchForChanges"] = "false";
        var app = builder.Build();
        services = app.Services;
        return app.Services.GetRequiredService<KnowledgeService>();
    }

    /// <summary>The "--Section:Key=value" arguments, which configure the bot like appsettings.json does.</summary>
    public static string[] ConfigurationArgs(string[] args) =>
        args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':') && a.Contains('=')).ToArray();

    /// <summary>The arguments that are not configuration.</summary>
    public static List<string> PlainArgs(string[] args) => args.Except(ConfigurationArgs(args)).ToList();
}
