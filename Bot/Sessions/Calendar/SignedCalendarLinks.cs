using System.Globalization;
using Communaute.Bot.Security;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Sessions.Calendar;

/// <summary>
/// Calendar links are the bot's signed links (<see cref="SignedLinks"/>: HMAC over the path and the expiry, one key
/// for every signed file): <c>/sessions/calendrier/{booking}.ics?e=…&amp;s=…</c>, valid <c>Sessions:CalendarLinkDays</c>.
/// </summary>
public sealed class SignedCalendarLinks(SignedLinks links, IOptions<SessionsOptions> options) : ICalendarLinks
{
    public const string Folder = "/sessions/calendrier/";

    public static string PathOf(long bookingId) => string.Create(CultureInfo.InvariantCulture, $"{Folder}{bookingId}.ics");

    public string Link(long bookingId) => links.Create(PathOf(bookingId), Duration.FromDays(options.Value.CalendarLinkDays));

    public CalendarLinkCheck Check(string path, string? expires, string? signature) => links.Check(path, expires, signature) switch
    {
        LinkCheck.Valid => CalendarLinkCheck.Valid,
        LinkCheck.Expired => CalendarLinkCheck.Expired,
        _ => CalendarLinkCheck.Invalid,
    };
}
