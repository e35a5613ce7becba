using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Communaute.Bot.Channels.Teams;

/// <summary>The bearer token for calls to the Bot Connector; null when the bot runs without an app id (local development).</summary>
public interface IBotTokenSource
{
    Task<string?> GetTokenAsync(CancellationToken ct);
}

/// <summary>
/// Client credentials with MSAL (scope https://api.botframework.com/.default). MSAL's in-memory app token
/// cache returns the same token until shortly before it expires, then fetches a new one.
/// </summary>
public sealed class MsalBotTokenSource : IBotTokenSource
{
    private readonly TeamsOptions _options;
    private readonly IConfidentialClientApplication? _app;
    private readonly Lock _lock = new();
    private Task<AuthenticationResult>? _acquiring;

    public MsalBotTokenSource(IOptions<TeamsOptions> options, IMsalHttpClientFactory? httpClients = null)
    {
        _options = options.Value;
        if (!_options.AuthenticationEnabled) return;
        var authority = string.IsNullOrWhiteSpace(_options.Authority)
            ? $"https://login.microsoftonline.com/{_options.TenantId}"
            : _options.Authority;
        var builder = ConfidentialClientApplicationBuilder.Create(_options.AppId)
            .WithClientSecret(_options.AppPassword)
            .WithAuthority(authority, validateAuthority: false);
        // A configured authority (sovereign cloud, tests) is taken as given: no instance discovery.
        if (!string.IsNullOrWhiteSpace(_options.Authority)) builder = builder.WithInstanceDiscovery(false);
        if (httpClients is not null) builder = builder.WithHttpClientFactory(httpClients);
        _app = builder.Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (_app is null) return null;
        // Sends run in parallel (outbox conversations, typing indicators): callers share the acquisition in flight, and
        // it runs to its end even when the caller that started it gives up (a typing loop stopped with its turn), so
        // the token reaches MSAL's cache instead of being asked for again.
        Task<AuthenticationResult> acquiring;
        lock (_lock)
        {
            if (_acquiring is not { IsCompleted: false })
                _acquiring = _app.AcquireTokenForClient([_options.Scope]).ExecuteAsync(CancellationToken.None);
            acquiring = _acquiring;
        }
        return (await acquiring.WaitAsync(ct)).AccessToken;
    }
}
