using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Communaute.Bot.Operations;

/// <summary>
/// What the people running the bot see: OpenTelemetry metrics (the bot's meter, ASP.NET Core's, the runtime's),
/// scraped as Prometheus text on /metrics — never public — and sent by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set (traces then too); /healthz (alive) and /readyz (ready to serve).
/// </summary>
public static class OperationsSetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OperationsOptions>(configuration.GetSection(OperationsOptions.Section));
        services.AddSingleton<MetricsSnapshot>();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<DatabaseReachability>();
        services.AddSingleton<ReadinessCheck>();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("communaute-bot"))
            .WithMetrics(m =>
            {
                m.AddMeter(BotMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                if (otlp) m.AddOtlpExporter();
            });
        if (otlp) telemetry.WithTracing(t => t.AddSource(BotTracing.SourceName).AddAspNetCoreInstrumentation().AddOtlpExporter());
        return services;
    }

    /// <summary>The metrics port, added to the addresses the server listens on (before the host is built).</summary>
    public static void ListenForMetrics(WebApplicationBuilder builder, string urls)
    {
        var o = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();
        if (o.MetricsPort <= 0) return;
        var host = IPAddress.TryParse(o.MetricsHost, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : o.MetricsHost;
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), $"http://{host}:{o.MetricsPort}"]);
    }

    public static WebApplication UseOperations(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        _ = app.Services.GetRequiredService<BotMetrics>();
        // Before the endpoints: /metrics answers 404 to anyone it is not for, and nothing else answers on the metrics port.
        app.Use(async (http, next) =>
        {
            var onMetricsPort = options.MetricsPort > 0 && http.Connection.LocalPort == options.MetricsPort;
            var isMetrics = http.Request.Path.StartsWithSegments(MetricsPath);
            if (isMetrics ? !MayScrape(http, options, onMetricsPort) : onMetricsPort)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (ReadinessCheck check, CancellationToken ct) => check.AnswerAsync(ct));
        return app;
    }

    /// <summary>
    /// On the metrics port, anyone who reaches it; otherwise a loopback client that no proxy forwarded (a reverse proxy on
    /// the same machine passes public requests with X-Forwarded-For: those are not the operator's).
    /// </summary>
    private static bool MayScrape(HttpContext http, OperationsOptions options, bool onMetricsPort)
    {
        if (options.MetricsPort > 0) return onMetricsPort;
        var remote = http.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
               && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");
    }
}
