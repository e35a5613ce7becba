using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Sessions.Features;

/// <summary>A member's settings for sessions: time zone, organisation and region, a pause until a date.</summary>
public sealed class MemberSettingsCommands(BotDbContext db, SessionQueries queries)
{
    public Task HandleAsync(ISessionSettingIntent intent, TurnContext context, CancellationToken ct) => intent switch
    {
        SetTimeZone zone => ZoneAsync(zone.Zone, context, ct),
        SetOrganisation organisation => ProfileAsync(organisation.Organisation, null, context, ct),
        SetRegion region => ProfileAsync(null, region.Region, context, ct),
        PauseSessions pause => PauseAsync(pause.Until, context, ct),
        ResumeSessions => ResumeAsync(context, ct),
        _ => Task.CompletedTask,
    };

    private async Task ZoneAsync(string? typed, TurnContext context, CancellationToken ct)
    {
        if (typed is null) { context.Send(SessionCards.ZoneChoice(context.Member.Zone)); return; }
        if (ZoneNames.Find(typed) is not { } zone)
        {
            context.Send(SessionCards.ZoneChoice(context.Member.Zone,
                $"Je ne connais pas le fuseau « {(typed.Length > 60 ? typed[..60] + "…" : typed)} » : rien n'a été changé. Choisissez ci-dessous, ou donnez un identifiant IANA comme Europe/Paris ou America/Guadeloupe."));
            return;
        }
        await db.Members.Where(m => m.Id == context.Member.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.TimeZoneId, zone.Id).SetProperty(m => m.TimeZoneChosen, true), ct);
        var now = context.Now.InZone(zone).LocalDateTime;
        context.Send(new Reply
        {
            Text = $"C'est noté : je vous montre désormais les heures en {ZoneNames.For(zone).TimeOf} ({zone.Id}). Il est en ce moment {FrenchDates.Time(now.TimeOfDay)} chez vous.",
            SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())],
        });
    }

    private async Task ProfileAsync(string? organisation, string? region, TurnContext context, CancellationToken ct)
    {
        var form = context.Turn.FormValues;
        if (form.TryGetValue("organisation", out var o)) organisation = o;
        if (form.TryGetValue("region", out var r)) region = r;
        organisation = organisation?.Trim();
        region = region?.Trim();
        var profile = await queries.ProfileAsync(context.Member.Id, ct);
        if (string.IsNullOrEmpty(organisation) && string.IsNullOrEmpty(region))
        {
            context.Send(SessionCards.ProfileForm(profile?.Organisation, profile?.Region));
            return;
        }
        if (organisation?.Length > 200) { context.Say("Le nom de la structure dépasse 200 caractères : rien n'a été enregistré."); return; }
        if (!string.IsNullOrEmpty(region))
        {
            var known = SessionCards.Regions.FirstOrDefault(x => TextMatching.Fold(x) == TextMatching.Fold(region))
                ?? SessionCards.Regions.FirstOrDefault(x => TextMatching.Fold(region).Length >= 4 && TextMatching.Fold(x).Contains(TextMatching.Fold(region), StringComparison.Ordinal));
            if (known is null)
            {
                context.Send(SessionCards.ProfileForm(organisation ?? profile?.Organisation, null, $"Je ne connais pas la région « {(region.Length > 60 ? region[..60] + "…" : region)} » : choisissez-la dans la liste. Rien n'a été enregistré."));
                return;
            }
            region = known;
        }
        await SaveAsync(context.Member.Id, context.Now, p =>
        {
            if (!string.IsNullOrEmpty(organisation)) p.Organisation = organisation;
            if (!string.IsNullOrEmpty(region)) p.Region = region;
        }, ct);
        var saved = await queries.ProfileAsync(context.Member.Id, ct);
        context.Say($"C'est noté : {saved?.Organisation ?? "structure non renseignée"}, {saved?.Region ?? "région non renseignée"}. Cela sert à former des groupes qui mélangent structures et régions.");
    }

    private async Task PauseAsync(string? until, TurnContext context, CancellationToken ct)
    {
        var today = context.Now.InZone(context.Member.Zone).Date;
        if (until is null)
        {
            context.Say("Jusqu'à quand ? Par exemple : « pause sessions jusqu'au 15 mars 2027 ». Pendant la pause, je ne vous propose pas dans les groupes.");
            return;
        }
        var found = FrenchDates.FindDate(until, today) ?? FrenchDates.FindMonth(until, today);
        if (found?.Date is not { } date)
        {
            context.Say((found?.Error ?? $"Je ne reconnais pas la date « {until} ».") + " Rien n'a été changé.");
            return;
        }
        if (date < today) { context.Say("Cette date est passée : rien n'a été changé."); return; }
        var end = date.PlusDays(1).AtStartOfDayInZone(context.Member.Zone).ToInstant();
        await SaveAsync(context.Member.Id, context.Now, p => p.PausedUntil = end, ct);
        context.Say($"C'est noté : vous êtes en pause jusqu'au {FrenchDates.Date(date)} inclus. Je ne vous proposerai pas dans les groupes d'ici là ; vos réservations sont gardées. « reprendre les sessions » pour revenir plus tôt.");
    }

    private async Task ResumeAsync(TurnContext context, CancellationToken ct)
    {
        await SaveAsync(context.Member.Id, context.Now, p => p.PausedUntil = null, ct);
        context.Send(new Reply { Text = "Bon retour ! Vous êtes de nouveau proposé dans les groupes.", SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())] });
    }

    /// <summary>Creates the profile when needed (a concurrent creation is read back and updated).</summary>
    private async Task SaveAsync(long memberId, Instant now, Action<SessionProfile> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var profile = await db.Set<SessionProfile>().FirstOrDefaultAsync(p => p.MemberId == memberId, ct);
            if (profile is null) db.Add(profile = new SessionProfile { MemberId = memberId });
            change(profile);
            profile.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
