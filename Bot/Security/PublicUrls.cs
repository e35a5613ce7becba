using Communaute.Bot.Hosting;
using Communaute.Bot.Pipeline;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Security;

/// <summary>
/// The public address of the bot, which Teams, Slack and the terminal put before the root-relative links replies
/// carry (<see cref="Communaute.Dialogs.Replies.ReplyLinks"/>; the page follows them as they are). In order:
/// <c>Community:PublicBaseUrl</c> when set; the request being answered (scheme, host and path base, after the forwarded-headers middleware applied trusted X-Forwarded-* headers); outside a request (a queued
/// Slack turn, a reminder), the base of the last Teams or Slack request accepted; last, the address the server listens on.
/// Teams and Slack clients need a public address: set PublicBaseUrl for them (the start-up log warns when it is missing).
/// </summary>
public sealed class PublicUrls(IOptions<CommunityOptions> options, IHttpContextAccessor http, IServer server)
{
    private static readonly string[] ChannelPaths = ["/api/messages", "/slack/"];
    private volatile string? _lastChannelBase;

    /// <summary>The absolute base URL ("https://bot.example.org"), without a trailing slash.</summary>
    public string Base(HttpRequest? request = null)
    {
        var configured = options.Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        request ??= http.HttpContext?.Request;
        if (request is not null && request.Host.HasValue) return FromRequest(request);
        return _lastChannelBase ?? Listening() ?? BotApp.DefaultUrl;
    }

    /// <summary>Remembers the base of an accepted Teams or Slack request, for links made later outside any request.</summary>
    public void ObserveAccepted(HttpContext context)
    {
        if (context.Response.StatusCode >= 400 || !context.Request.Host.HasValue) return;
        var path = context.Request.Path.Value ?? "";
        if (ChannelPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            _lastChannelBase = FromRequest(context.Request);
    }

    private static string FromRequest(HttpRequest request) => $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    private string? Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return null;
        return address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost")
            .Replace("://*", "://localhost").TrimEnd('/');
    }
}
