using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Slack's request signing: "v0=" + hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}")), compared in constant time,
/// with the timestamp no further than five minutes from now, in either direction.
/// </summary>
public static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const long WindowSeconds = 5 * 60;

    public static string Sign(string signingSecret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp.ToString(CultureInfo.InvariantCulture)}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), data);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    public static SignatureCheck Verify(string signingSecret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, long nowUnixSeconds)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader)) return SignatureCheck.MissingHeaders;
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)) return SignatureCheck.BadTimestamp;
        if (Math.Abs(nowUnixSeconds - timestamp) > WindowSeconds) return SignatureCheck.OutOfWindow;
        var expected = Encoding.ASCII.GetBytes(Sign(signingSecret, timestamp, body));
        var given = Encoding.UTF8.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}

public enum SignatureCheck { Valid, MissingHeaders, BadTimestamp, OutOfWindow, Mismatch }
