using System.Security.Cryptography;
using System.Text;

namespace Communaute.Bot.Delivery;

/// <summary>Keys of the delivery tables: bounded in length, so any channel id fits an index.</summary>
public static class DeliveryKeys
{
    public const int MaxLength = 300;

    /// <summary>The text itself when short enough, else its start and a hash of the whole (still unique).</summary>
    public static string Bounded(string key)
    {
        if (key.Length <= MaxLength) return key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return key[..(MaxLength - hash.Length - 1)] + "~" + hash;
    }

    /// <summary>The key of the i-th (0-based) of several replies sent under one key: "key", then "key#2", "key#3"…</summary>
    public static string Nth(string key, int index) => index == 0 ? key : $"{key}#{index + 1}";

    public static string ForConversation(long conversationId) => "c:" + conversationId;

    public static string ForMember(long memberId) => "m:" + memberId;
}
