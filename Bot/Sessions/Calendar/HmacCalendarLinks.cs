using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Sessions.Calendar;

/// <summary>
/// Calendar links signed with HMAC-SHA256 over (booking, expiry): <c>/sessions/calendrier/{booking}.ics?exp=…&amp;sig=…</c>.
/// </summary>
public sealed class HmacCalendarLinks(CalendarLinkKey key, IOptions<SessionsOptions> options, IOptions<CommunityOptions> community) : ICalendarLinks
{
    public async Task<string> LinkAsync(long bookingId, Instant now, CancellationToken ct)
    {
        var expires = (now + Duration.FromDays(options.Value.CalendarLinkDays)).ToUnixTimeSeconds();
        var signature = Sign(await key.GetAsync(ct), bookingId, expires);
        var baseUrl = string.IsNullOrWhiteSpace(community.Value.PublicBaseUrl) ? Hosting.BotApp.DefaultUrl : community.Value.PublicBaseUrl.TrimEnd('/');
        return string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/sessions/calendrier/{bookingId}.ics?exp={expires}&sig={signature}");
    }

    public async Task<CalendarLinkCheck> CheckAsync(long bookingId, long expiresUnixSeconds, string signature, Instant now, CancellationToken ct)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(await key.GetAsync(ct), bookingId, expiresUnixSeconds));
        var given = Encoding.ASCII.GetBytes(signature ?? "");
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return CalendarLinkCheck.Invalid;
        return now.ToUnixTimeSeconds() > expiresUnixSeconds ? CalendarLinkCheck.Expired : CalendarLinkCheck.Valid;
    }

    private static string Sign(byte[] key, long bookingId, long expires)
    {
        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"ics:{bookingId}:{expires}")));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

/// <summary>
/// The links' signing key: <c>Sessions:CalendarLinkKey</c>, or one generated once and kept in the database (read and
/// written through its own scope, outside any caller's transaction) so that every instance signs alike and links
/// survive a restart.
/// </summary>
public sealed class CalendarLinkKey(IServiceScopeFactory scopes, IOptions<SessionsOptions> options)
{
    private const string SecretId = "calendar-links";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (_key is { } known) return known;
        if (!string.IsNullOrWhiteSpace(options.Value.CalendarLinkKey)) return _key = Encoding.UTF8.GetBytes(options.Value.CalendarLinkKey);
        await _gate.WaitAsync(ct);
        try
        {
            if (_key is { } again) return again;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var stored = await db.Set<SessionSecret>().AsNoTracking().Where(s => s.Id == SecretId).Select(s => s.Value).FirstOrDefaultAsync(ct);
            if (stored is null)
            {
                try
                {
                    db.Add(new SessionSecret { Id = SecretId, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance generated it first: use theirs.
                }
                db.ChangeTracker.Clear();
                stored = await db.Set<SessionSecret>().AsNoTracking().Where(s => s.Id == SecretId).Select(s => s.Value).FirstAsync(ct);
            }
            return _key = Convert.FromBase64String(stored);
        }
        finally { _gate.Release(); }
    }
}
