using System.Globalization;
using System.Text;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Security;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Sessions.Calendar;

/// <summary>Serves one participant's .ics at its signed, expiring link.</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapSessionCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sessions/calendrier/{file}", ServeAsync);
        return app;
    }

    private static async Task<IResult> ServeAsync(HttpRequest request, string file, ICalendarLinks links, BotDbContext db, TimeProvider clock,
        IOptions<SessionsOptions> options, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        string? expires = request.Query[SignedLinks.ExpiresParameter], signature = request.Query[SignedLinks.SignatureParameter];
        if (!file.EndsWith(".ics", StringComparison.Ordinal) || !long.TryParse(file[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var bookingId)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out _) || string.IsNullOrEmpty(signature))
            return Results.Text("Lien de calendrier invalide.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        var now = clock.GetCurrentInstant();
        switch (links.Check(request.Path.Value ?? "", expires, signature))
        {
            case CalendarLinkCheck.Invalid:
                return Results.Text("Lien de calendrier invalide.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            case CalendarLinkCheck.Expired:
                return Results.Text("Ce lien de calendrier a expiré : demandez-en un nouveau au bot (« mes sessions »).", "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone);
        }
        var row = await db.Set<Booking>().AsNoTracking().Where(b => b.Id == bookingId)
            .Join(db.Set<CoDevSession>().AsNoTracking(), b => b.SessionId, s => s.Id, (b, s) => new { b, s })
            .Join(db.Members.AsNoTracking(), x => x.b.MemberId, m => m.Id, (x, m) => new { x.b, x.s, m.TimeZoneId, m.DisplayName })
            .FirstOrDefaultAsync(ct);
        if (row is null || row.b.Status is BookingStatus.Waitlisted or BookingStatus.Offered)
            return Results.Text("Pas d'invitation pour cette réservation.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var cancelled = row.b.Status == BookingStatus.Cancelled || row.s.Status == SessionStatus.Cancelled;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(row.TimeZoneId) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var description = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(row.s.Theme)) description.AppendLine(row.s.Theme);
        description.AppendLine(row.b.Role == BookingRole.Client ? "Vous êtes client de cette session de co-développement." : "Vous participez comme consultant à cette session de co-développement.");
        if (FrenchNames.Named(row.s.FacilitatorName) is { } facilitator) description.AppendLine($"Animation : {facilitator}");
        var ics = InviteBuilder.Build(new InviteData(
            row.s.Id, row.b.MemberId, row.s.Title, description.ToString().Trim(), row.s.Place, row.s.Start, row.s.End, row.b.CalendarSequence, cancelled, zone,
            community.Value.Name, options.Value.OrganizerEmail, options.Value.UidDomain, now, FrenchNames.Named(row.DisplayName)));
        var method = cancelled ? "CANCEL" : "REQUEST";
        return Results.File(Encoding.UTF8.GetBytes(ics), $"text/calendar; charset=utf-8; method={method}", $"session-{row.s.Id}.ics");
    }
}
