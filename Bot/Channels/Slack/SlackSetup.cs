using Communaute.Bot.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Channels.Slack;

public static class SlackSetup
{
    /// <summary>Everything the Slack channel needs; idle while the "Slack" section is empty.</summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SlackOptions>(configuration.GetSection(SlackOptions.Section));
        services.AddSingleton<SlackUserCache>();
        services.AddHttpClient<SlackApiClient>((sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = TimeSpan.FromMinutes(2);
        }).RemoveAllLoggers(); // SlackApiClient logs what matters (retries, refusals) itself
        services.AddScoped<SlackInbound>();
        services.AddScoped<SlackFormStore>();
        services.AddScoped<IInboxHandler, SlackInboxHandler>();
        services.AddScoped<IChannelSender, SlackSender>();
        services.AddDueWork<SlackFormsRetention>();
        services.AddSingleton<SlackSocketModeService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeService>());
        return services;
    }

    public static void MapSlackChannel(this IEndpointRouteBuilder app) => app.MapSlackEndpoints();
}
