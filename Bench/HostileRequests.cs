using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>
/// Seeded generator of hostile HTTP requests for every public endpoint: the web chat API, Teams' /api/messages,
/// Slack's /slack/* (validly signed but malformed, or badly signed), files under /media, and stray paths and methods.
/// Values of every shape: wrong JSON types, nulls, lone surrogates, invalid UTF-8, control characters, markdown and
/// HTML, huge and deeply nested bodies, path tricks. Used by the fuzz test and by <c>bench security</c>.
/// </summary>
/// <param name="adapterCases">
/// Also send the cases left to the channel adapters' rewrite (delivery work): Slack payloads validly signed but of the
/// wrong shape (a number where Slack puts an object, form keys over 2,048 characters), Teams activity ids that cannot
/// go in a connector URL ("a/b", "../..", 1,500 characters) and Teams members of the wrong shape (membersAdded: [null]). False keeps those shapes and makes only the values hostile.
/// </param>
public sealed class HostileRequests(int seed, string slackSecret, string teamsServiceUrl, Func<long> unixNow, bool adapterCases = true)
{
    private const string LoneSurrogate = "\u0001LONE\u0001";
    private const string BadUtf8 = "\u0001BYTES\u0001";
    private readonly Random _random = new(seed);

    private static readonly string[] Words =
    [
        "aide", "bonjour", "caractériser", "caractériser mon projet", "fort", "Fort", "4", "faible : pas encore", "je ne sais pas",
        "retour", "passer", "pause", "reprendre", "recommencer", "annuler", "oui", "non", "Commencer", "Valider", "mes données",
        "supprimer mes données", "Oui, tout supprimer", "mon profil", "exporter mon profil", "partager mon profil", "profils partagés",
        "statistiques caractérisation", "questions sans réponse", "recharger la base", "Qu'est-ce que le FISO ?", "Qu'est-ce qu'une SCIC ?",
        "sessions", "digest", "/communaute question ESS", "Comment faire un gâteau au chocolat ?",
    ];

    private static readonly string[] Oddities =
    [
        "", " ", "\n\n\n", "\t", "\0", "\u202E\u0644\u0627", "\u200B\u200D\uFEFF", "🤝🏽👩‍👩‍👧", "e\u0301\u0301\u0301", "**gras** _it_ [lien](https://evil.example)",
        "<img src=x onerror=alert(1)>", "<@U0123|x>", "<!channel>", "&amp;&lt;&gt;", "../../etc/passwd", "%00%2e%2e%2f", "${jndi:ldap://x}",
        "'; DROP TABLE Members; --", "\\u0000", "null", "NaN", "-1", "9999999999999999999999", "1e309", "\r\n[12:00:00 ERR] faux journal",
        LoneSurrogate, "a" + LoneSurrogate + "b", BadUtf8, "x" + BadUtf8,
        // Unicode non-characters (issue 20): refused by string.Normalize, so cleaned before anything else.
        "aide \uFFFE", "\uFFFF", "a\uFDD0b\uFDEF", "x" + char.ConvertFromUtf32(0x1FFFE) + char.ConvertFromUtf32(0x10FFFF), "\uFFFE\uFFFE\uFFFE",
    ];

    /// <summary>Cookies of page sessions opened before the run (<see cref="FuzzRun"/>): most web chat turns carry one, so they reach the pipeline.</summary>
    public IReadOnlyList<string> WebChatCookies { get; set; } = [];

    public HttpRequestMessage Next()
    {
        var request = Pick(0.30, WebChatTurn, 0.05, WebChatRead, 0.25, Teams, 0.25, Slack, 0.10, Media, 0.05, Stray);
        // Most clients come through a trusted local proxy from many addresses; some send garbage forwarding headers.
        var roll = _random.NextDouble();
        if (roll < 0.6) request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.{_random.Next(256)}.{_random.Next(256)}");
        else if (roll < 0.7) request.Headers.TryAddWithoutValidation("X-Forwarded-For", Ascii(Text(20)));
        if (_random.NextDouble() < 0.05) request.Headers.TryAddWithoutValidation("X-Forwarded-Host", Pick("evil.example", "[::1", "a b", Ascii(Text(10))));
        if (_random.NextDouble() < 0.05) request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", Pick("https", "gopher", "", Ascii(Text(5))));
        return request;
    }

    // ---- web chat ----

    private HttpRequestMessage WebChatTurn()
    {
        // Identity comes from the session cookie; fields naming a conversation or a user are ignored (and sent anyway).
        var body = new JsonObject
        {
            ["messageId"] = Chance(0.85) ? $"m-{_random.Next(1_000_000)}" : Chance(0.3) ? $"m-{_random.Next(1000)}\n" : Value(),
        };
        if (Chance(0.2)) body["conversationId"] = Value();
        if (Chance(0.2)) body["userId"] = Value();
        if (Chance(0.1)) body["replyTo"] = Value();
        if (Chance(0.8)) body["text"] = Chance(0.7) ? Text() : Value();
        if (Chance(0.3)) body["userName"] = Chance(0.7) ? Text(40) : Value();
        if (Chance(0.2)) body["timeZone"] = Pick<JsonNode?>("Indian/Reunion", "Europe/Paris", "../../x", Text(80), Value());
        if (Chance(0.25)) body["value"] = Chance(0.7) ? SubmitValue() : Value();
        if (Chance(0.1)) body[Text(10)] = Value();
        var request = Json(HttpMethod.Post, "api/webchat/turns", body);
        if (WebChatCookies.Count > 0 && Chance(0.85)) request.Headers.TryAddWithoutValidation("Cookie", Pick([.. WebChatCookies]));
        return request;
    }

    private JsonObject SubmitValue()
    {
        var value = new JsonObject();
        if (Chance(0.8)) value["__text"] = Chance(0.8) ? Pick(Words) : Value();
        if (Chance(0.7)) value["__prompt"] = Chance(0.5) ? $"dlg:caracterisation:{_random.Next(1000):x}:{_random.Next(20)}" : Value();
        for (var i = _random.Next(3); i > 0; i--) value[Chance(0.5) ? "note" : Text(8)] = Value();
        return value;
    }

    private HttpRequestMessage WebChatRead() =>
        new(HttpMethod.Get, "api/webchat/messages"
                            + (Chance(0.7) ? $"?after={Pick("0", "-5", "99999999999999999999", "abc", Uri.EscapeDataString(Text(6)))}&since={Pick("0", "-1", "x", "1e99")}" : ""));

    // ---- Teams ----

    private HttpRequestMessage Teams()
    {
        var user = _random.Next(30);
        var activity = new JsonObject
        {
            ["type"] = Chance(0.85) ? Pick("message", "message", "message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "typing", "event") : Value(),
            ["id"] = Chance(0.8) ? $"act-{_random.Next(1_000_000)}"
                : adapterCases ? Pick<JsonNode?>("../..", "a/b", new string('9', 1500), Value()) : Pick<JsonNode?>(null, 42, true),
            ["channelId"] = Chance(0.9) ? "msteams" : Value(),
            ["serviceUrl"] = Chance(0.9) ? teamsServiceUrl : Pick<JsonNode?>("", "javascript:alert(1)", "http://[::1", "ftp://x", Value()),
            ["from"] = Chance(0.9) ? new JsonObject { ["id"] = Chance(0.95) ? $"29:fuzz-{user}" : $"29:fuzz-{user}\n", ["name"] = Chance(0.7) ? $"Membre {user}" : Value() } : Value(),
            ["recipient"] = Chance(0.9) ? new JsonObject { ["id"] = "28:bot", ["name"] = "Communauté" } : Value(),
            ["conversation"] = Chance(0.9)
                ? new JsonObject
                {
                    ["id"] = Chance(0.9) ? $"a:fuzz-{user}" : Value(),
                    ["conversationType"] = Pick<JsonNode?>("personal", "groupChat", "channel", Value()),
                    ["tenantId"] = Chance(0.9) ? "fuzz" : Value(),
                }
                : Value(),
        };
        if (Chance(0.85)) activity["text"] = Chance(0.8) ? Text() : Value();
        if (Chance(0.3)) activity["entities"] = Chance(0.6) ? new JsonArray(Entity(), Entity()) : Value();
        if (Chance(0.15)) activity["membersAdded"] = adapterCases
            ? Pick<JsonNode?>(new JsonArray((JsonNode?)null), new JsonArray(new JsonObject { ["id"] = Value() }), Value())
            : new JsonArray(new JsonObject { ["id"] = $"29:fuzz-{_random.Next(30)}", ["name"] = Text(20) });
        if (Chance(0.2)) activity["value"] = Chance(0.6) ? SubmitValue() : Value();
        if (Chance(0.1)) activity["name"] = Pick<JsonNode?>("adaptiveCard/action", "composeExtension/query", Text(20), Value());
        if (Chance(0.1)) activity["channelData"] = Value();
        if (Chance(0.1)) activity["localTimezone"] = Value();
        var request = Json(HttpMethod.Post, "api/messages", activity);
        if (Chance(0.2)) request.Headers.TryAddWithoutValidation("Authorization", Pick("Bearer a.b.c", "Bearer", "Basic x", "Bearer " + Ascii(Text(30)), "Bearer e30.e30.", Ascii(Text(12))));
        return request;
    }

    private JsonNode? Entity() => Chance(0.5)
        ? new JsonObject
        {
            ["type"] = Pick<JsonNode?>("mention", "clientInfo", Value()),
            ["mentioned"] = Chance(0.7) ? new JsonObject { ["id"] = Pick<JsonNode?>("28:bot", Value()), ["name"] = Value() } : Value(),
            ["text"] = Pick<JsonNode?>("<at>Communauté</at>", Value()),
            ["timezone"] = Value(),
        }
        : Value();

    // ---- Slack ----

    private HttpRequestMessage Slack()
    {
        var kind = _random.Next(3);
        string path;
        byte[] body;
        string contentType;
        if (kind == 0)
        {
            path = "slack/events";
            contentType = "application/json";
            var envelope = new JsonObject
            {
                ["type"] = Chance(0.85) ? Pick("event_callback", "event_callback", "url_verification", "app_rate_limited") : SlackValue(),
                ["event_id"] = Chance(0.9) ? $"Ev{_random.Next(1_000_000)}" : SlackValue(),
                ["team_id"] = Chance(0.9) ? "T0FUZZ" : SlackValue(),
                ["challenge"] = Chance(0.9) ? Text(20) : SlackValue(),
                ["authorizations"] = Shape(0.7) ? new JsonArray(new JsonObject { ["user_id"] = "UBOT" }) : Pick<JsonNode?>(new JsonArray(), new JsonArray((JsonNode?)null), Value()),
                ["event"] = Shape(0.85) ? SlackEvent() : Value(),
            };
            body = Bytes(envelope.ToJsonString());
        }
        else if (kind == 1)
        {
            path = "slack/commands";
            contentType = "application/x-www-form-urlencoded";
            var fields = new List<(string, string)>
            {
                ("command", Pick("/communaute", Text(10))), ("text", Text()), ("user_id", $"U{_random.Next(30)}"), ("channel_id", Pick("D0FUZZ", "C0FUZZ", Text(8))),
                ("team_id", "T0FUZZ"), ("response_url", Pick("https://hooks.slack.com/commands/x", "http://127.0.0.1:9/x", Text(10))), ("trigger_id", Text(10)),
            };
            if (adapterCases && Chance(0.1)) fields.Add((new string('k', 3000), "v"));
            if (Chance(0.1)) fields.Add(("ssl_check", "1"));
            body = Bytes(string.Join('&', fields.Where(_ => Chance(0.9)).Select(f => $"{Uri.EscapeDataString(f.Item1)}={Escape(f.Item2)}")));
        }
        else
        {
            path = "slack/interactivity";
            contentType = "application/x-www-form-urlencoded";
            var payload = new JsonObject
            {
                ["type"] = Pick<JsonNode?>("block_actions", "view_submission", "shortcut", SlackValue()),
                ["user"] = Shape(0.9) ? new JsonObject { ["id"] = $"U{_random.Next(30)}", ["name"] = SlackValue() } : Value(),
                ["team"] = Shape(0.9) ? new JsonObject { ["id"] = "T0FUZZ" } : Value(),
                ["channel"] = Shape(0.8) ? new JsonObject { ["id"] = Pick("D0FUZZ", "C0FUZZ") } : Value(),
                ["actions"] = Shape(0.7) ? new JsonArray(new JsonObject { ["action_id"] = SlackValue(), ["value"] = Chance(0.5) ? Text() : SlackValue(), ["block_id"] = SlackValue() }) : Value(),
                ["view"] = Shape(0.4) ? new JsonObject { ["callback_id"] = SlackValue(), ["private_metadata"] = SlackValue(), ["state"] = new JsonObject { ["values"] = Shape(0.5) ? new JsonObject() : Value() } } : Value(),
                ["container"] = Shape(0.5) ? new JsonObject { ["type"] = "message" } : Value(),
                ["response_url"] = Pick<JsonNode?>("https://hooks.slack.com/actions/x", SlackValue()),
            };
            body = Bytes("payload=" + Escape(payload.ToJsonString()));
        }
        var signature = _random.NextDouble();
        var timestamp = unixNow() + (signature < 0.9 ? 0 : _random.Next(-10_000, 10_000));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (signature < 0.95)
        {
            request.Headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(SlackSignature.SignatureHeader,
                signature < 0.85 ? SlackSignature.Sign(slackSecret, timestamp, body) : Pick("v0=00", "", Ascii(Text(64))));
        }
        if (Chance(0.05)) request.Headers.TryAddWithoutValidation("X-Slack-Retry-Num", Pick("1", "x", Ascii(Text(5))));
        return request;
    }

    private JsonNode? SlackEvent()
    {
        var text = Chance(0.1) ? new string('<', _random.Next(1000, 40_000)) : Chance(0.8) ? Text() : null;
        return new JsonObject
        {
            ["type"] = Pick<JsonNode?>("message", "app_mention", "app_home_opened", SlackValue()),
            ["channel_type"] = Pick<JsonNode?>("im", "channel", SlackValue()),
            ["user"] = Chance(0.9) ? $"U{_random.Next(30)}" : SlackValue(),
            ["channel"] = Chance(0.9) ? Pick("D0FUZZ", "C0FUZZ") : SlackValue(),
            ["text"] = text is null ? SlackValue() : JsonValue.Create(text),
            ["ts"] = Chance(0.9) ? $"1800000000.{_random.Next(1_000_000):D6}" : SlackValue(),
            ["thread_ts"] = Chance(0.2) ? SlackValue() : null,
            ["bot_id"] = Chance(0.05) ? SlackValue() : null,
            ["subtype"] = Chance(0.1) ? SlackValue() : null,
        };
    }

    /// <summary>Any value, or (Slack's shapes kept) a hostile string where Slack puts a string.</summary>
    private JsonNode? SlackValue() => adapterCases ? Value() : JsonValue.Create(Text(40));

    /// <summary>True when Slack's shape is kept: always when only values are hostile, else with probability <paramref name="p"/>.</summary>
    private bool Shape(double p) => !adapterCases || Chance(p);

    // ---- files and stray requests ----

    private HttpRequestMessage Media()
    {
        var id = Chance(0.5) ? Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() : Uri.EscapeDataString(Text(20));
        var query = _random.Next(4) switch
        {
            0 => "",
            1 => $"?e={Pick("1", "99999999999", "-1", "x", Text(15))}&s={Uri.EscapeDataString(Text(43))}",
            2 => "?e=&s=&e=2",
            _ => "?" + Uri.EscapeDataString(Text(30)),
        };
        return new HttpRequestMessage(HttpMethod.Get, $"media/{id}.{Pick("png", "json", "md", "pdf", "ics", "", Text(3))}{query}");
    }

    private HttpRequestMessage Stray()
    {
        var method = Pick(HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Options, HttpMethod.Patch, HttpMethod.Head, HttpMethod.Post);
        var path = Pick("", "api/messages", "slack/events", "api/webchat/turns", "index.html", "chat.js", "healthz", "%2e%2e/%2e%2e/etc/passwd",
            "media/..%2f..%2fappsettings.json", "api/webchat/conversations//outbox", new string('a', 4000), Uri.EscapeDataString(Text(30)));
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Head && Chance(0.7))
            request.Content = new ByteArrayContent(Bytes(Text(200)));
        return request;
    }

    // ---- values ----

    private HttpRequestMessage Json(HttpMethod method, string path, JsonNode body)
    {
        var raw = _random.Next(20) switch
        {
            0 => Text(50),                                              // not JSON at all
            1 => body.ToJsonString()[..Math.Max(1, body.ToJsonString().Length / 2)], // truncated
            2 => new string('[', 5000) + new string(']', 5000),         // deep nesting
            3 => "{\"text\":\"" + new string('x', 300_000) + "\"}",     // over the size limits
            4 or 5 => DuplicateKey(body),                               // a key given twice
            _ => body.ToJsonString(),
        };
        var content = new ByteArrayContent(Bytes(raw));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(_random.Next(15) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "application/json; charset=latin1",
            _ => "application/json",
        });
        return new HttpRequestMessage(method, path) { Content = content };
    }

    /// <summary>The body with its first key given a second time, first ("{"text":1,"text":…}"): valid JSON syntax, ambiguous meaning.</summary>
    private string DuplicateKey(JsonNode body)
    {
        if (body is not JsonObject o || o.Count == 0) return "{\"a\":1,\"a\":2}";
        var (key, value) = o.First();
        var json = o.ToJsonString();
        return "{" + System.Text.Json.JsonSerializer.Serialize(key) + ":" + (Chance(0.5) ? Value()?.ToJsonString() ?? "null" : value?.ToJsonString() ?? "null") + "," + json[1..];
    }

    /// <summary>The request text as bytes, with the markers turned into a lone surrogate escape or invalid UTF-8.</summary>
    private static byte[] Bytes(string text)
    {
        var parts = text.Replace("\\u0001BYTES\\u0001", BadUtf8).Replace("\\u0001LONE\\u0001", LoneSurrogate).Split(BadUtf8);
        var bytes = new List<byte>(text.Length + 16);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) bytes.AddRange([0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80]);
            bytes.AddRange(Encoding.UTF8.GetBytes(Pipeline.InputText.WellFormed(parts[i]).Replace(LoneSurrogate, "\\ud800")));
        }
        return bytes.ToArray();
    }

    /// <summary>Form encoding, the markers as percent-encoded invalid UTF-8 (an encoded surrogate, a stray byte).</summary>
    private static string Escape(string text) =>
        Uri.EscapeDataString(Pipeline.InputText.WellFormed(text))
            .Replace("%01LONE%01", "%ED%A0%80").Replace("%01BYTES%01", "%FF%FE");

    /// <summary>What a header can carry (HttpClient sends printable ASCII only): the rest as '?'.</summary>
    private static string Ascii(string text) => new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    private string Text(int max = 300)
    {
        var sb = new StringBuilder();
        for (var parts = _random.Next(1, 4); parts > 0; parts--)
        {
            sb.Append(_random.Next(10) switch
            {
                < 5 => Pick(Words),
                < 8 => Pick(Oddities),
                8 => new string((char)_random.Next(0x20, 0x2FFF), _random.Next(1, 20)),
                _ => new string(Pick('a', '<', '*', '_', '[', '\n', '&'), _random.Next(1, 3000)),
            });
            sb.Append(' ');
        }
        var text = sb.ToString();
        return text.Length <= max || text.Contains('\u0001') ? text : text[..max];
    }

    private JsonNode? Value() => _random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(-5, 1_000_000)),
        2 => JsonValue.Create(_random.NextDouble() < 0.5),
        3 => new JsonArray(JsonValue.Create(Text(10)), null, JsonValue.Create(3)),
        4 => new JsonObject { [Text(5)] = Text(10), ["id"] = 5 },
        5 => JsonValue.Create(1e300),
        _ => JsonValue.Create(Text()),
    };

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    private HttpRequestMessage Pick(double w1, Func<HttpRequestMessage> a, double w2, Func<HttpRequestMessage> b, double w3, Func<HttpRequestMessage> c,
        double w4, Func<HttpRequestMessage> d, double w5, Func<HttpRequestMessage> e, double w6, Func<HttpRequestMessage> f)
    {
        var roll = _random.NextDouble() * (w1 + w2 + w3 + w4 + w5 + w6);
        if ((roll -= w1) < 0) return a();
        if ((roll -= w2) < 0) return b();
        if ((roll -= w3) < 0) return c();
        if ((roll -= w4) < 0) return d();
        if ((roll -= w5) < 0) return e();
        return f();
    }
}
