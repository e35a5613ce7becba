using Microsoft.Extensions.Options;

namespace Communaute.Bot.WebChat;

/// <summary>
/// The API answers the page it serves and nothing else: a request from another site (Origin, Sec-Fetch-Site) is
/// refused, and a post must be JSON (a form or plain text, which a foreign page can send without asking, is refused).
/// </summary>
public static class WebChatRequestGuard
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        if (!IsSameSite(http))
            return WebChatEndpoints.Problem(StatusCodes.Status403Forbidden, "Requête refusée : elle ne vient pas de la page de discussion.");
        if (HttpMethods.IsPost(http.Request.Method) && !http.Request.HasJsonContentType())
            return WebChatEndpoints.Problem(StatusCodes.Status415UnsupportedMediaType, "Requête refusée : Content-Type application/json attendu.");
        return await next(context);
    }

    private static bool IsSameSite(HttpContext http)
    {
        var fetchSite = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none")) return false;
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true; // not a browser's cross-site request (curl, tests, the bench)
        var self = $"{http.Request.Scheme}://{http.Request.Host.Value}";
        if (string.Equals(origin, self, StringComparison.OrdinalIgnoreCase)) return true;
        var allowed = http.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.AllowedOrigins;
        return allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
