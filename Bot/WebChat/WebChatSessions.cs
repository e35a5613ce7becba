using System.Security.Cryptography;
using System.Text;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.WebChat;

/// <summary>
/// Issues and recognises the chat page's identity: a random token in an HttpOnly, SameSite=Strict cookie, bound to a
/// session row that names the visitor's user and conversation. Every tab of the browser shares it, so a new tab
/// continues the same conversation; a request without it gets a new visitor, never an existing one.
/// </summary>
public sealed class WebChatSessions(BotDbContext db, TimeProvider clock, IOptions<WebChatOptions> options)
{
    public const string CookieName = "communaute_webchat";

    private DbSet<WebChatSession> Sessions => db.Set<WebChatSession>();

    /// <summary>The session the request's cookie names, if it is known and not expired.</summary>
    public async Task<WebChatSession?> FindAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var token) || token.Length is < 20 or > 100) return null;
        var hash = Hash(token);
        var session = await Sessions.FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        var now = clock.GetCurrentInstant();
        if (session is null || now - session.LastSeenAt > Duration.FromDays(options.Value.SessionDays)) return null;
        // Kept to the hour, so most requests write nothing.
        if (now - session.LastSeenAt > Duration.FromHours(1))
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }
        return session;
    }

    /// <summary>A new visitor: new ids chosen here, the token set as the cookie.</summary>
    public async Task<WebChatSession> CreateAsync(HttpContext http, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
        var now = clock.GetCurrentInstant();
        var session = new WebChatSession
        {
            TokenHash = Hash(token), UserId = "web-" + id, ConversationId = "web-" + id, CreatedAt = now, LastSeenAt = now,
        };
        Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(options.Value.SessionDays),
            IsEssential = true,
        });
        return session;
    }

    /// <summary>Still there? (Erasure of the member's data ends their sessions.)</summary>
    public Task<bool> ExistsAsync(long sessionId, CancellationToken ct) => Sessions.AnyAsync(s => s.Id == sessionId, ct);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
