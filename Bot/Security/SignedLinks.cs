using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Communaute.Bot.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Security;

public enum LinkCheck { Valid, Expired, Invalid }

/// <summary>
/// Links to personal files (charts, exports, "mes données", calendar files) that only work for a while:
/// <c>/media/abc.png?e=1767225600&amp;s=…</c> where <c>s</c> is an HMAC-SHA256 of the path and the expiry <c>e</c> (Unix
/// seconds). Make one with <see cref="Create"/>; protect an endpoint with <c>.RequireSignedLink()</c>
/// (<see cref="SignedLinkEndpoints"/>). Deleting the file (erasure) still makes the link fail.
/// </summary>
public sealed class SignedLinks(LinkSigningKey key, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public const string ExpiresParameter = "e";
    public const string SignatureParameter = "s";

    /// <summary>How long a chart or export link works (Security:MediaLinkLifetime, 7 days by default).</summary>
    public Duration MediaLifetime => Duration.FromTimeSpan(options.Value.MediaLinkLifetime);

    /// <summary>How long the "mes données" link works (Security:DataExportLinkLifetime, 1 hour by default).</summary>
    public Duration DataExportLifetime => Duration.FromTimeSpan(options.Value.DataExportLinkLifetime);

    /// <summary>
    /// A signed link to <paramref name="path"/> (absolute path of this bot, e.g. "/media/abc.ics") that works for
    /// <paramref name="lifetime"/>, root-relative: the channel that renders it makes it absolute (<see cref="Communaute.Dialogs.Replies.ReplyLinks"/>).
    /// </summary>
    public string Create(string path, Duration lifetime)
    {
        if (!path.StartsWith('/')) throw new ArgumentException("Le chemin d'un lien signé commence par « / ».", nameof(path));
        var expires = (clock.GetCurrentInstant() + lifetime).ToUnixTimeSeconds();
        return $"{new PathString(path).ToUriComponent()}?{ExpiresParameter}={expires.ToString(CultureInfo.InvariantCulture)}&{SignatureParameter}={Sign(path, expires)}";
    }

    /// <summary>Checks the expiry and signature carried by a request for <paramref name="path"/>.</summary>
    public LinkCheck Check(string path, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature) || expires.Length > 12 || signature.Length > 64
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return LinkCheck.Invalid;
        var expected = Encoding.ASCII.GetBytes(Sign(path, seconds));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(signature))) return LinkCheck.Invalid;
        return clock.GetCurrentInstant().ToUnixTimeSeconds() > seconds ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private string Sign(string path, long expires)
    {
        var mac = HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes($"{path}\n{expires.ToString(CultureInfo.InvariantCulture)}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

/// <summary>The link-signing key: Security:LinkSigningKey, or one generated once and kept in the database.</summary>
public sealed class LinkSigningKey(IOptions<SecurityOptions> options, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string StoredName = "link-signing-key";
    private byte[]? _bytes;

    public byte[] Bytes => _bytes ?? LoadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task<byte[]> LoadAsync(CancellationToken ct)
    {
        if (_bytes is not null) return _bytes;
        var configured = options.Value.LinkSigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(configured); }
            catch (FormatException) { throw new BotConfigurationException("Security:LinkSigningKey doit être en base64 (par exemple : openssl rand -base64 32)."); }
            if (bytes.Length < 32) throw new BotConfigurationException("Security:LinkSigningKey est trop courte : 32 octets au moins (openssl rand -base64 32).");
            return _bytes = bytes;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return _bytes = Convert.FromBase64String(await StoredSecret.GetOrCreateAsync(db, StoredName, clock.GetCurrentInstant(), ct));
    }
}

/// <summary><c>app.MapGet("/calendar/{file}", …).RequireSignedLink()</c>: the request must carry a valid, unexpired signature.</summary>
public static class SignedLinkEndpoints
{
    public static TBuilder RequireSignedLink<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var links = http.RequestServices.GetRequiredService<SignedLinks>();
            var check = links.Check(http.Request.Path.Value ?? "", http.Request.Query[SignedLinks.ExpiresParameter], http.Request.Query[SignedLinks.SignatureParameter]);
            return check switch
            {
                LinkCheck.Valid => await next(context),
                LinkCheck.Expired => Results.Text("Ce lien a expiré. Demandez de nouveau le fichier au bot (par exemple « mes données » ou « exporter mon profil »).",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone),
                _ => Results.Text("Lien invalide : il n'a pas été donné par le bot, ou il a été modifié.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden),
            };
        });
}
