using System.Globalization;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Sessions.Bookings;
using Communaute.Bot.Sessions.Groups;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Communaute.Dialogs.Intents;

namespace Communaute.Bot.Sessions.Features;

/// <summary>What facilitators do: create a session or a series, edit, move, cancel, publish, see who comes, write to them, run the session, propose groups.</summary>
public sealed class FacilitatorSessionCommands(
    BotDbContext db, SessionQueries queries, SessionAdmin admin, SessionRun run, SessionNotifier notifier, SessionTransactions transactions,
    GroupProposals groups, IFacilitatorScope scope)
{
    public Task HandleAsync(IFacilitatorIntent intent, TurnContext context, CancellationToken ct) => intent switch
    {
        CreateSession => CreateAsync(context, ct),
        CreateSeries series => CreateSeriesAsync(series, context, ct),
        ProposeGroups groups => ProposeGroupsAsync(groups.SeriesId, context, ct),
        EditSession edit => EditAsync(edit.SessionId, context, ct),
        EditSeries edit => EditSeriesAsync(edit.SessionId, context, ct),
        MoveSession move => MoveAsync(move.SessionId, move.When, context, ct),
        CancelSession cancel => AskCancelAsync(cancel.SessionId, context, ct),
        ConfirmCancelSession cancel => CancelAsync(cancel.SessionId, context, ct),
        CancelSeries cancel => AskCancelSeriesAsync(cancel.SessionId, context, ct),
        ConfirmCancelSeries cancel => CancelSeriesAsync(cancel.SessionId, context, ct),
        ListParticipants participants => ParticipantsAsync(participants.SessionId, context, ct),
        MessageParticipants message => MessageAsync(message.SessionId, message.Message, context, ct),
        TakeAttendance attendance => AttendanceAsync(attendance.SessionId, context, ct),
        SaveAttendance attendance => SaveAttendanceAsync(attendance.SessionId, context, ct),
        PublishSession publish => PublishAsync(publish.SessionId, context, ct),
        StartGuide guide => StartGuideAsync(guide.SessionId, context, ct),
        _ => Task.CompletedTask,
    };

    private async Task CreateAsync(TurnContext context, CancellationToken ct)
    {
        var zone = context.Member.Zone;
        if (context.Turn.InputsBeside(new CreateSession()).Count == 0)
        {
            context.Send(FacilitatorForms.Session(null, zone, "Nouvelle session", "Créer la session", FacilitatorForms.CreateValue, new CreateSession()));
            return;
        }
        var (draft, problems) = SessionForm.Read(context.Turn.FormValues, zone, context.Now, needsDate: true);
        if (draft is null)
        {
            Refuse(context, "Je n'ai pas créé la session :", problems);
            context.Send(FacilitatorForms.Session(context.Turn.FormValues, zone, "Nouvelle session", "Créer la session", FacilitatorForms.CreateValue, new CreateSession()));
            return;
        }
        var session = await admin.CreateAsync(draft, context.Member, context.Now, ct);
        context.Say($"Session créée : « {session.Title} » (n° {session.Id}). Les membres la voient avec « sessions » ; tapez « publier {session.Id} » dans un canal pour l'y annoncer."
            + HolidayWarning(session, session.Id));
        context.Send(await queries.CardAsync(session, context.Member, context.Now, ct));
    }

    private async Task CreateSeriesAsync(CreateSeries intent, TurnContext context, CancellationToken ct)
    {
        var zone = context.Member.Zone;
        var today = context.Now.InZone(zone).Date;
        if (context.Turn.InputsBeside(intent).Count == 0)
        {
            var phrase = intent.Rule;
            var values = phrase is null ? null : new Dictionary<string, string> { [SessionForm.Phrase] = phrase };
            var lead = phrase is null ? null : Preview(SeriesPhrase.Read(phrase, today), zone, context.Now);
            context.Send(FacilitatorForms.Series(values, zone, lead));
            return;
        }
        var typed = context.Turn.FormValues.TryGetValue(SessionForm.Phrase, out var p) ? p.Trim() : "";
        var reading = SeriesPhrase.Read(typed, today);
        var (draft, problems) = SessionForm.Read(context.Turn.FormValues, zone, context.Now, needsDate: false);
        if (!reading.IsComplete || draft is null)
        {
            var all = new List<string>();
            if (!reading.IsComplete) all.Add(typed.Length == 0 ? "Écrivez quand ont lieu les sessions, par exemple « le 2e jeudi de chaque mois à 14h »." : reading.Explain());
            all.AddRange(problems);
            Refuse(context, "Je n'ai pas créé la série :", all);
            context.Send(FacilitatorForms.Series(context.Turn.FormValues, zone));
            return;
        }
        var planned = SeriesPlan.Dates(reading, zone, context.Now, SeriesPlan.ChoiceOf(context.Turn.FormValues));
        var (series, sessions) = await admin.CreateSeriesAsync(reading, planned, typed, draft, context.Member, context.Now, ct);
        if (sessions.Count == 0)
        {
            context.Say($"La série n° {series.Id} ne compte aucune date à venir avec cette règle : vérifiez les dates de début et de fin.");
            return;
        }
        context.Send(Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Série créée : « {draft.Title} » (n° {series.Id})",
            Subtitle = $"{reading.Rule!.Describe()} ({ZoneNames.For(zone).TimeOf}) — {FrenchCount.Of(sessions.Count, "session")}.",
            Facts = sessions.Zip(planned).Select(x => new Fact($"n° {x.First.Id}", SeriesPlan.Describe(x.Second) + " à " + FrenchDates.Time(reading.Rule.Time))).ToList(),
            Choices = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions()), new Choice("Annuler la série", SessionCards.Value("annuler la série", series.Id), ChoiceStyle.Destructive).Doing(new CancelSeries(series.Id))],
        }));
    }

    /// <summary>What the bot read in a typed series phrase, before the form is sent: the dates to come, holidays named.</summary>
    private static string Preview(SeriesReading reading, NodaTime.DateTimeZone zone, NodaTime.Instant now)
    {
        if (!reading.IsComplete) return reading.Explain();
        var dates = SeriesPlan.Dates(reading, zone, now, HolidayChoice.Keep);
        if (dates.Count == 0) return $"J'ai compris : {reading.Rule!.Describe()}, mais aucune date n'est à venir avec cette règle : vérifiez les dates de début et de fin.";
        var shown = string.Join(", ", dates.Take(6).Select(SeriesPlan.Describe));
        var holidays = dates.Skip(6).Where(d => d.Holiday is not null).Select(SeriesPlan.Describe).ToList();
        var warn = dates.Any(d => d.Holiday is not null)
            ? $"{(holidays.Count > 0 ? " Aussi : " + string.Join(", ", holidays) + "." : "")} Pour les jours fériés, choisissez dans le formulaire : garder, sauter ou décaler d'une semaine."
            : "";
        return $"J'ai compris : {reading.Rule!.Describe()} ({ZoneNames.For(zone).TimeOf}), {FrenchCount.Of(dates.Count, "session")} : {shown}{(dates.Count > 6 ? "…" : ".")}{warn} Complétez et validez.";
    }

    private async Task EditAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        var zone = SessionCards.ZoneOf(session);
        var submitValue = SessionCards.Value("modifier la session", id);
        var submit = new EditSession(id);
        if (context.Turn.InputsBeside(submit).Count == 0)
        {
            context.Send(FacilitatorForms.Session(FacilitatorForms.ValuesOf(session), zone, $"Modifier « {session.Title} »", "Enregistrer", submitValue, submit));
            return;
        }
        var (draft, problems) = SessionForm.Read(context.Turn.FormValues, zone, context.Now, needsDate: true);
        if (draft is null)
        {
            Refuse(context, "Je n'ai rien modifié :", problems);
            context.Send(FacilitatorForms.Session(context.Turn.FormValues, zone, $"Modifier « {session.Title} »", "Enregistrer", submitValue, submit));
            return;
        }
        var result = await admin.UpdateAsync(id, draft, context.Now, ct);
        await AnswerChangeAsync(context, result, ct);
        if (!result.Done && result.Session?.Status == SessionStatus.Open)
            context.Send(FacilitatorForms.Session(context.Turn.FormValues, zone, $"Modifier « {session.Title} »", "Enregistrer", submitValue, submit));
    }

    private async Task EditSeriesAsync(long seriesId, TurnContext context, CancellationToken ct)
    {
        var series = await db.Set<SessionSeries>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == seriesId, ct);
        var upcoming = await db.Set<CoDevSession>().AsNoTracking()
            .Where(s => s.SeriesId == seriesId && s.Status == SessionStatus.Open && s.Start > context.Now).OrderBy(s => s.Start).ToListAsync(ct);
        if (series is null || upcoming.Count == 0) { context.Say($"La série n° {seriesId} n'a pas de session à venir."); return; }
        var submitValue = SessionCards.Value("modifier la série", seriesId);
        var submit = new EditSeries(seriesId);
        var title = $"Modifier la suite de « {series.Title} » ({FrenchCount.Of(upcoming.Count, "session")})";
        if (context.Turn.InputsBeside(submit).Count == 0)
        {
            context.Send(FacilitatorForms.SeriesEdit(FacilitatorForms.ValuesOf(upcoming[0]), title, submitValue, submit));
            return;
        }
        var (draft, problems) = SessionForm.Read(context.Turn.FormValues, SessionCards.ZoneOf(upcoming[0]), context.Now, needsDate: false);
        if (draft is null)
        {
            Refuse(context, "Je n'ai rien modifié :", problems);
            context.Send(FacilitatorForms.SeriesEdit(context.Turn.FormValues, title, submitValue, submit));
            return;
        }
        var refusals = new List<string>();
        var notified = 0;
        foreach (var session in upcoming)
        {
            var result = await admin.UpdateAsync(session.Id, draft, context.Now, ct);
            if (result.Done) notified += result.Notified;
            else refusals.Add($"n° {session.Id} : {result.Refusal}");
        }
        context.Say($"{FrenchCount.Of(upcoming.Count - refusals.Count, "session de la série mise à jour", "sessions de la série mises à jour")}, {FrenchCount.Of(notified, "inscription prévenue")}."
            + (refusals.Count == 0 ? "" : "\nNon modifiées :\n" + string.Join("\n", refusals.Select(r => "- " + r))));
    }

    private async Task MoveAsync(long id, string? when, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        if (when is null) { await EditAsync(id, context, ct); return; }
        var values = FacilitatorForms.ValuesOf(session);
        var zone = SessionCards.ZoneOf(session);
        var date = FrenchDates.FindDate(when, context.Now.InZone(zone).Date);
        var time = FrenchDates.FindTime(when);
        if (date?.Date is null)
        {
            context.Say((date?.Error ?? $"Je ne reconnais pas de date dans « {when} ».") + $" Exemple : « déplacer la session {id} au 19/03/2027 14h ». Rien n'a été modifié.");
            return;
        }
        values[SessionForm.Date] = FrenchDates.Numeric(date.Date.Value);
        if (time is not null) values[SessionForm.Time] = FrenchDates.Time(time.Time);
        var (draft, problems) = SessionForm.Read(values, zone, context.Now, needsDate: true);
        if (draft is null) { Refuse(context, "Je n'ai pas déplacé la session :", problems); return; }
        await AnswerChangeAsync(context, await admin.UpdateAsync(id, draft, context.Now, ct), ct);
    }

    private async Task AnswerChangeAsync(TurnContext context, AdminResult result, CancellationToken ct)
    {
        if (!result.Done) { context.Say(result.Refusal! + " Rien n'a été modifié."); return; }
        context.Say($"« {result.Session!.Title} » est à jour. {FrenchCount.Of(result.Notified, "participant prévenu")}, avec une invitation mise à jour pour leur agenda"
            + (result.WaitingNotified > 0 ? $" ; {FrenchCount.Of(result.WaitingNotified, "personne en liste d'attente prévenue", "personnes en liste d'attente prévenues")}." : ".")
            + HolidayWarning(result.Session, result.Session.Id));
        context.Send(await queries.CardAsync(result.Session, context.Member, context.Now, ct));
    }

    private async Task AskCancelAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        if (session.Status == SessionStatus.Cancelled) { context.Say($"La session « {session.Title} » est déjà annulée."); return; }
        var booked = await db.Set<Booking>().CountAsync(b => b.SessionId == id && b.Status != BookingStatus.Cancelled, ct);
        context.Send(Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Annuler « {session.Title} » ?",
            Subtitle = $"{FrenchDates.SessionWhen(session.Start, SessionCards.ZoneOf(session), context.Member.Zone)}. {FrenchCount.Of(booked, "personne inscrite ou en attente sera prévenue", "personnes inscrites ou en attente seront prévenues")}.",
            Choices = [new Choice("Oui, annuler la session", SessionCards.Value("confirmer l'annulation de la session", id), ChoiceStyle.Destructive).Doing(new ConfirmCancelSession(id)), new Choice("Non", "sessions").Doing(new ListSessions())],
        }));
    }

    private async Task CancelAsync(long id, TurnContext context, CancellationToken ct)
    {
        var result = await admin.CancelSessionAsync(id, context.Now, ct);
        if (!result.Done) { context.Say(result.Refusal!); return; }
        context.Say($"La session « {result.Session!.Title} » est annulée. {FrenchCount.Of(result.Notified, "personne prévenue")}, avec l'annulation pour leur agenda.");
    }

    private async Task AskCancelSeriesAsync(long id, TurnContext context, CancellationToken ct)
    {
        var series = await db.Set<SessionSeries>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (series is null) { context.Say($"Je ne trouve pas de série n° {id}."); return; }
        var remaining = await db.Set<CoDevSession>().CountAsync(s => s.SeriesId == id && s.Status == SessionStatus.Open && s.Start > context.Now, ct);
        context.Send(Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Annuler la suite de la série « {series.Title} » ?",
            Subtitle = $"{FrenchCount.Of(remaining, "session à venir sera annulée", "sessions à venir seront annulées")} ; les inscrits seront prévenus.",
            Choices = [new Choice("Oui, annuler la série", SessionCards.Value("confirmer l'annulation de la série", id), ChoiceStyle.Destructive).Doing(new ConfirmCancelSeries(id)), new Choice("Non", "sessions").Doing(new ListSessions())],
        }));
    }

    private async Task CancelSeriesAsync(long id, TurnContext context, CancellationToken ct)
    {
        var (count, notified, refusal) = await admin.CancelSeriesAsync(id, context.Now, ct);
        context.Say(refusal ?? $"La série n° {id} est annulée : {FrenchCount.Of(count, "session à venir annulée", "sessions à venir annulées")}, {FrenchCount.Of(notified, "personne prévenue")}.");
    }

    private async Task ParticipantsAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        var rows = await queries.ParticipantsAsync(id, scope.VisibleMembers(db, context.Member), ct);
        var confirmed = rows.Count(r => r.Status == BookingStatus.Confirmed);
        var sections = new List<CardSection>();
        foreach (var group in rows.GroupBy(r => r.Status))
        {
            var heading = group.Key switch
            {
                BookingStatus.Confirmed => $"Inscrits ({group.Count()})",
                BookingStatus.Offered => "Place proposée, en attente de confirmation",
                _ => $"Liste d'attente ({group.Count()})",
            };
            sections.Add(new(heading, string.Join("\n", group.Select(r =>
                $"- {(r.Position is { } p ? $"{p}. " : "")}{UserText.Escape(r.Name)}{(r.Role == BookingRole.Client ? " — **client**" : "")}"
                + $" — {UserText.Escape(r.Organisation ?? "structure non renseignée")}{(r.Region is null ? "" : " (" + UserText.Escape(r.Region) + ")")}"
                + $" — {ZoneNames.For(r.ZoneId).Label}{(r.Attended is { } a ? (a ? " — présent" : " — absent") : "")}"))));
        }
        foreach (var client in rows.Where(r => r.Role == BookingRole.Client && r.Status == BookingStatus.Confirmed))
            sections.Add(new($"Problème de {UserText.Escape(client.Name)}", string.IsNullOrWhiteSpace(client.Problem) ? "(pas encore écrit)" : UserText.Escape(client.Problem)));
        if (rows.Count == 0) sections.Add(new(null, "Personne n'est inscrit pour l'instant."));
        context.Send(Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Participants de « {session.Title} »",
            Subtitle = $"{FrenchDates.SessionWhen(session.Start, SessionCards.ZoneOf(session), context.Member.Zone)} — {confirmed}/{session.CapacityMax} inscrits (minimum {session.CapacityMin})",
            Sections = sections,
            Choices = [new Choice("Écrire aux participants", SessionCards.Value("message aux participants", id)).Doing(new MessageParticipants(id)), new Choice("Présences", SessionCards.Value("présences", id)).Doing(new TakeAttendance(id)),
                new Choice("Modifier", SessionCards.Value("modifier la session", id)).Doing(new EditSession(id))],
        }));
    }

    private async Task MessageAsync(long id, string? typed, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        var text = context.Turn.FormValues.TryGetValue("message", out var fromForm) ? fromForm.Trim() : typed?.Trim();
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Send(Reply.Show(new Card
            {
                Title = $"Écrire aux participants de « {session.Title} »",
                Inputs = [new CardInput("message", "Votre message", InputKind.MultilineText) { Required = true, MaxLength = SessionCommands.MaxMessage }],
                SubmitLabel = "Envoyer",
                SubmitValue = SessionCards.Value("message aux participants", id),
                SubmitAction = IntentCodec.Encode(new MessageParticipants(id)),
                PromptId = SessionCards.Value("sessions-message", id),
            }));
            return;
        }
        if (context.TextWasTruncated || text.Length > SessionCommands.MaxMessage)
        {
            context.Say($"Votre message dépasse {SessionCommands.MaxMessage} caractères : raccourcissez-le. Rien n'a été envoyé.");
            return;
        }
        // The same text to the same session the same day is one message, however many times "Envoyer" is clicked.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        var cause = $"{hash}:{context.Now.InZone(context.Member.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var (sent, recipients) = await transactions.RunAsync(async () =>
        {
            var members = await db.Set<Booking>().AsNoTracking()
                .Where(b => b.SessionId == id && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Offered) && b.MemberId != context.Member.Id)
                .Select(b => b.MemberId).ToListAsync(ct);
            var count = 0;
            foreach (var member in members)
                count += await notifier.ToMemberAsync(member, SessionCards.Message(session, context.Member.DisplayName, text), $"message:{id}:{cause}:{member}", ct) ? 1 : 0;
            return (count, members.Count);
        }, _ => true, ct);
        context.Say(sent == 0 && recipients > 0
            ? $"Ce message a déjà été envoyé aujourd'hui aux participants de « {session.Title} » : il n'est pas reparti."
            : $"Message envoyé à {FrenchCount.Of(sent, "participant")} de « {session.Title} ».");
    }

    private async Task AttendanceAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        if (session.Start > context.Now) { context.Say($"« {session.Title} » n'a pas encore eu lieu : les présences se marquent après le début."); return; }
        var rows = (await queries.ParticipantsAsync(id, scope.VisibleMembers(db, context.Member), ct)).Where(r => r.Status == BookingStatus.Confirmed).ToList();
        if (rows.Count == 0) { context.Say("Personne n'était inscrit à cette session."); return; }
        context.Send(Reply.Show(new Card
        {
            Title = $"Présences à « {session.Title} »",
            Subtitle = "Décochez les absents. Les paires qui se sont rencontrées servent à former des groupes qui se renouvellent.",
            Inputs = rows.Select(r => new CardInput($"present_{r.BookingId}", r.Name, InputKind.Toggle) { Value = r.Attended == false ? "false" : "true" }).ToList(),
            SubmitLabel = "Enregistrer les présences",
            SubmitValue = SessionCards.Value("enregistrer les présences", id),
            SubmitAction = IntentCodec.Encode(new SaveAttendance(id)),
            PromptId = SessionCards.Value("sessions-presences", id),
        }));
    }

    private async Task SaveAttendanceAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        if (session.Start > context.Now) { context.Say($"« {session.Title} » n'a pas encore eu lieu : rien n'a été enregistré."); return; }
        var present = context.Turn.FormValues
            .Where(kv => kv.Key.StartsWith("present_", StringComparison.Ordinal) && kv.Value == "true")
            .Select(kv => long.TryParse(kv.Key["present_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : -1)
            .ToHashSet();
        var count = await run.MarkAttendanceAsync(id, present, context.Now, ct);
        context.Say($"Présences enregistrées pour « {session.Title} » : {FrenchCount.Of(count, "présent")}.");
    }

    private async Task PublishAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        if (session.Status == SessionStatus.Cancelled || session.Start <= context.Now) { context.Say($"« {session.Title} » n'est plus ouverte : je ne l'annonce pas."); return; }
        if (!context.Turn.IsGroup)
        {
            context.Say($"Tapez « publier {id} » dans le canal (ou la conversation de groupe) où annoncer la session : j'y poste sa carte, mise à jour quand les places changent, et j'y lancerai le guide de la session.");
            return;
        }
        var key = string.Create(CultureInfo.InvariantCulture, $"post:{id}:{context.ConversationId}");
        var posted = await transactions.RunAsync(async () =>
        {
            if (await db.Set<SessionPost>().AnyAsync(p => p.SessionId == id && p.ConversationId == context.ConversationId, ct)) return false;
            var waiting = await queries.WaitingAsync(id, ct);
            await notifier.ToConversationAsync(context.ConversationId, Reply.Show(SessionCards.PublicCard(session, waiting, context.Now)), key, ct);
            db.Add(new SessionPost { SessionId = id, ConversationId = context.ConversationId, SentKey = key, PostedAt = context.Now });
            await db.Set<CoDevSession>().Where(s => s.Id == id && s.ConversationId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConversationId, context.ConversationId), ct);
            return true;
        }, _ => true, ct);
        context.Say(posted
            ? $"« {session.Title} » est annoncée ici ; la carte suivra les places, et le guide de la session sera posté dans cette conversation."
            : $"« {session.Title} » est déjà annoncée dans cette conversation.");
    }

    private async Task StartGuideAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        if (session.Status == SessionStatus.Cancelled) { context.Say($"La session « {session.Title} » est annulée."); return; }
        var started = await transactions.RunAsync(() => run.StartGuideAsync(id, ct), _ => true, ct);
        if (!started) context.Say("La session a déjà commencé : voici où elle en est.");
        context.Send(await run.GuideCardAsync((await queries.FindAsync(id, ct))!, ct));
    }

    private async Task ProposeGroupsAsync(long? seriesId, TurnContext context, CancellationToken ct)
    {
        if (seriesId is { } sid && !await db.Set<SessionSeries>().AnyAsync(s => s.Id == sid, ct)) { context.Say($"Je ne trouve pas de série n° {sid}."); return; }
        var (proposal, paused, candidates) = await groups.ProposeAsync(seriesId, scope.VisibleMembers(db, context.Member), context.Now, ct);
        if (candidates < 4)
        {
            context.Say($"Il faut au moins 4 membres inscrits pour former un groupe ({FrenchCount.Of(candidates, "disponible")}{(paused > 0 ? $", {paused} en pause" : "")}).");
            return;
        }
        var sections = proposal.Groups.Select((g, i) => new CardSection(
            $"Groupe {i + 1} ({g.Members.Count} personnes){(g.Client is { } c ? $" — client proposé : {UserText.Escape(c.Name)}" : "")}",
            string.Join("\n", g.Members.Select(m => $"- {UserText.Escape(m.Name)} — {UserText.Escape(m.Organisation ?? "structure non renseignée")}{(m.Region is null ? "" : " (" + UserText.Escape(m.Region) + ")")}")))).ToList();
        context.Send(Reply.Show(new Card
        {
            Title = seriesId is null ? "Proposition de groupes" : $"Proposition de groupes — série n° {seriesId}",
            Subtitle = "Des groupes de 4 à 8 qui mélangent structures et régions, en évitant les paires qui se sont vues ces derniers mois ; le client proposé est celui qui l'a été le moins souvent.",
            Facts =
            [
                new("Membres", candidates.ToString(CultureInfo.InvariantCulture) + (paused > 0 ? $" (+ {paused} en pause)" : "")),
                new("Groupes", proposal.Groups.Count.ToString(CultureInfo.InvariantCulture)),
                new("Paires déjà rencontrées", proposal.RepeatedPairs.ToString(CultureInfo.InvariantCulture)),
                new("Paires de la même structure", proposal.SameOrganisationPairs.ToString(CultureInfo.InvariantCulture)),
            ],
            Sections = sections,
        }));
    }

    /// <summary>" Attention, jour férié : Noël (…)." when the session falls on a public holiday of its territory.</summary>
    private static string HolidayWarning(CoDevSession session, long id) =>
        Communaute.Bot.Calendar.FrenchPublicHolidays.WarningFor(session.Start.InZone(SessionCards.ZoneOf(session)).Date, session.ZoneId) is { } holiday
            ? $"\nAttention, jour férié : {holiday}. Pour changer de date : « déplacer la session {id} au … »."
            : "";

    private static void Refuse(TurnContext context, string lead, IEnumerable<string> problems) =>
        context.Say(lead + "\n" + string.Join("\n", problems.Select(p => "- " + p)));

    private static void NotFound(TurnContext context, long id) => context.Say($"Je ne trouve pas de session n° {id}.");
}
