using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Communaute.Bot.Channels.Teams;

/// <summary>The outcome of checking an inbound request's bearer token; <see cref="Reason"/> says why it failed.</summary>
public sealed record AuthResult(bool Ok, string? Reason, JsonWebToken? Token)
{
    public static AuthResult Fail(string reason) => new(false, reason, null);
}

/// <summary>
/// Validates the Bot Connector's JWT on /api/messages: issuer, audience = our app id, RS256 with a key from the
/// OpenID metadata (cached, refreshed by ConfigurationManager), lifetime with 5 minutes of skew, and — once the
/// activity is read — the key's endorsement of its channel and the serviceurl claim.
/// </summary>
public sealed class TeamsAuthenticator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly TeamsOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public TeamsAuthenticator(IOptions<TeamsOptions> options)
    {
        _options = options.Value;
        var url = new Uri(_options.OpenIdMetadataUrl);
        var retriever = new HttpDocumentRetriever { RequireHttps = !url.IsLoopback };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(_options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>Checks the token alone (before the body is trusted).</summary>
    public async Task<AuthResult> ValidateTokenAsync(string? authorization, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return AuthResult.Fail("en-tête Authorization absent");
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthResult.Fail("en-tête Authorization sans jeton Bearer");
        var raw = authorization["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(raw)) return AuthResult.Fail("jeton illisible");
        string? alg;
        try { alg = _handler.ReadJsonWebToken(raw).Alg; }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException or SecurityTokenException)
        {
            // "a.b.c": three parts that are not base64url JSON.
            return AuthResult.Fail("jeton illisible");
        }
        if (alg != SecurityAlgorithms.RsaSha256) return AuthResult.Fail("algorithme de signature refusé (RS256 attendu)");

        OpenIdConnectConfiguration config;
        try { config = await _metadata.GetConfigurationAsync(ct); }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return AuthResult.Fail("métadonnées OpenID inaccessibles : " + e.GetType().Name);
        }

        var result = await _handler.ValidateTokenAsync(raw, Parameters(config));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys may have rolled over: refresh once (ConfigurationManager rate-limits this) and retry.
            // A forged token's unknown key costs one lookup, not a second validation against the same keys.
            _metadata.RequestRefresh();
            var known = config;
            try { config = await _metadata.GetConfigurationAsync(ct); } catch (Exception e) when (e is InvalidOperationException or HttpRequestException) { }
            if (!ReferenceEquals(config, known)) result = await _handler.ValidateTokenAsync(raw, Parameters(config));
        }
        if (!result.IsValid) return AuthResult.Fail(Describe(result.Exception));
        return new AuthResult(true, null, (JsonWebToken)result.SecurityToken);
    }

    /// <summary>Checks what ties the token to this activity: the key's channel endorsement and the serviceurl claim.</summary>
    public async Task<AuthResult> ValidateActivityAsync(AuthResult token, Activity activity, CancellationToken ct)
    {
        var jwt = token.Token!;
        var channel = activity.ChannelId;
        if (string.IsNullOrEmpty(channel)) return AuthResult.Fail("activité sans channelId");
        OpenIdConnectConfiguration config;
        try { config = await _metadata.GetConfigurationAsync(ct); }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return AuthResult.Fail("métadonnées OpenID inaccessibles");
        }
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == jwt.Kid);
        if (key is null) return AuthResult.Fail($"clé {jwt.Kid} absente des métadonnées");
        var endorsements = Endorsements(key);
        if (!endorsements.Contains(channel, StringComparer.OrdinalIgnoreCase))
            return AuthResult.Fail($"la clé {jwt.Kid} n'est pas habilitée pour le canal « {channel} » (habilitations : {string.Join(", ", endorsements)})");
        var claim = jwt.Claims.FirstOrDefault(c => c.Type == "serviceurl")?.Value;
        if (claim is null) return AuthResult.Fail("revendication serviceurl absente");
        if (!SameUrl(claim, activity.ServiceUrl))
            return AuthResult.Fail($"serviceurl du jeton ({claim}) différent de celui de l'activité ({activity.ServiceUrl})");
        return token;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration config) => new()
    {
        ValidIssuers = _options.ValidIssuers,
        ValidAudience = _options.AppId,
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        TryAllIssuerSigningKeys = false,
    };

    private static List<string> Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null) return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ToString()).ToList(),
            string s => [s],
            IEnumerable items => items.Cast<object?>().Select(o => o?.ToString() ?? "").ToList(),
            _ => [],
        };
    }

    private static bool SameUrl(string a, string? b) =>
        b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "jeton expiré",
        SecurityTokenNotYetValidException => "jeton pas encore valide",
        SecurityTokenInvalidIssuerException => "émetteur non reconnu",
        SecurityTokenInvalidAudienceException => "audience différente de l'app id du bot",
        SecurityTokenInvalidAlgorithmException => "algorithme de signature refusé (RS256 attendu)",
        SecurityTokenSignatureKeyNotFoundException => "clé de signature inconnue",
        SecurityTokenInvalidSignatureException => "signature invalide",
        SecurityTokenNoExpirationException => "jeton sans date d'expiration",
        null => "jeton refusé",
        _ => $"jeton refusé ({e.GetType().Name})",
    };
}
