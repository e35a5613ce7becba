using Communaute.Bot.Sessions.Bookings;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.Extensions.Options;

namespace Communaute.Bot.Sessions.Features;

/// <summary>What members do with sessions: see them, book, be client, cancel, answer an offer, follow the session.</summary>
public sealed class MemberSessionCommands(
    SessionQueries queries, BookingService bookings, SessionRun run, IOptions<SessionsOptions> options)
{
    private const int ListSize = 5;

    public Task HandleAsync(ISessionIntent intent, TurnContext context, CancellationToken ct) => intent switch
    {
        ListSessions list => ListAsync(list.Page, context, ct),
        ShowMySessions => MineAsync(context, ct),
        ChooseBookingToCancel => CancelMineAsync(context, ct),
        VolunteerAsClient { SessionId: null } => ChooseSessionForClientAsync(context, ct),
        ShowSession show => ShowAsync(show.SessionId, context, ct),
        BookSeat book => BookAsync(book.SessionId, BookingRole.Consultant, null, book.Source, context, ct),
        JoinWaitlist wait => BookAsync(wait.SessionId, BookingRole.Consultant, null, null, context, ct),
        VolunteerAsClient client => BeClientAsync(client.SessionId!.Value, client.Problem, context, ct),
        StopBeingClient stop => AnswerAsync(context, bookings.StopBeingClientAsync(stop.SessionId, context.Member.Id, context.Now, ct), ct),
        CancelBooking cancel => CancelAsync(cancel.SessionId, context, ct),
        LeaveWaitlist leave => CancelAsync(leave.SessionId, context, ct),
        AcceptSeatOffer accept => AnswerAsync(context, bookings.AcceptOfferAsync(accept.SessionId, context.Member.Id, context.Now, ct), ct),
        DeclineSeatOffer decline => AnswerAsync(context, bookings.DeclineOfferAsync(decline.SessionId, context.Member.Id, context.Now, ct), ct),
        GetCalendarInvite calendar => CalendarAsync(calendar.SessionId, context, ct),
        WriteActionPlan plan => ActionPlanAsync(plan.SessionId, plan.Plan, context, ct),
        RateSession rate => FeedbackAsync(rate.SessionId, rate.Score, context, ct),
        NextGuideStep next => NextStepAsync(next.SessionId, next.FromStep, context, ct),
        _ => Task.CompletedTask,
    };

    private Task CancelAsync(long id, TurnContext context, CancellationToken ct) =>
        AnswerAsync(context, bookings.CancelAsync(id, context.Member.Id, context.Now, enforceDeadline: true, CancelReasons.Member, ct), ct);

    /// <summary>The sessions to come, <see cref="ListSize"/> a page, with their count and « voir plus » while more remain.</summary>
    private async Task ListAsync(int page, TurnContext context, CancellationToken ct)
    {
        var total = await queries.UpcomingCountAsync(context.Now, ct);
        page = Math.Max(1, Math.Min(page, Math.Max(1, (total + ListSize - 1) / ListSize)));
        var skip = (page - 1) * ListSize;
        var sessions = await queries.UpcomingAsync(context.Now, ListSize, ct, skip);
        if (sessions.Count == 0)
        {
            context.Send(new Reply
            {
                Text = "Aucune session de co-développement n'est prévue pour le moment. Je vous préviendrai dans le digest mensuel dès qu'il y en aura.",
                SuggestedActions = context.Member.IsFacilitator ? [new Choice("Créer une session", "créer une session").Doing(new CreateSession()), new Choice("Créer une série", "créer une série").Doing(new CreateSeries())] : [],
            });
            return;
        }
        var range = total <= ListSize ? FrenchCount.Of(total, "session à venir", "sessions à venir")
            : $"sessions {skip + 1} à {skip + sessions.Count} sur {total} à venir";
        context.Say($"Les prochaines sessions de co-développement ({range}), à votre heure ({ZoneNames.For(context.Member.Zone).TimeOf}) :");
        foreach (var session in sessions) context.Send(await queries.CardAsync(session, context.Member, context.Now, ct));
        var left = total - skip - sessions.Count;
        var actions = new List<Choice>();
        if (left > 0) actions.Add(new Choice($"Voir plus ({Math.Min(left, ListSize)} sur {left} restantes)", $"sessions page {page + 1}").Doing(new ListSessions(page + 1)));
        actions.Add(new Choice("Mes sessions", "mes sessions").Doing(new ShowMySessions()));
        actions.Add(new Choice("Mon fuseau", "mon fuseau").Doing(new SetTimeZone()));
        context.Send(new Reply
        {
            Text = (left > 0 ? $"Encore {FrenchCount.Of(left, "session")} plus loin : « voir plus ». " : "")
                + "Tapez « mes sessions » pour vos réservations, « mon fuseau » si l'heure indiquée n'est pas la vôtre.",
            SuggestedActions = actions,
        });
    }

    private async Task MineAsync(TurnContext context, CancellationToken ct)
    {
        var mine = await queries.MineAsync(context.Member.Id, context.Now, ct);
        if (mine.Count == 0)
        {
            context.Send(new Reply { Text = "Vous n'êtes inscrit à aucune session à venir.", SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())] });
            return;
        }
        context.Say(mine.Count == 1 ? "Votre session à venir :" : $"Vos {mine.Count} sessions à venir :");
        foreach (var (session, booking) in mine)
            context.Send(Reply.Show(SessionCards.SessionCard(session, await queries.WaitingAsync(session.Id, ct), context.Member.Zone,
                await queries.ViewerAsync(session, booking, context.Member, context.Now, ct), context.Now)));
    }

    private async Task CancelMineAsync(TurnContext context, CancellationToken ct)
    {
        var mine = await queries.MineAsync(context.Member.Id, context.Now, ct);
        if (mine.Count == 0)
        {
            context.Send(new Reply { Text = "Vous n'avez aucune réservation à venir : il n'y a rien à annuler.", SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())] });
            return;
        }
        context.Send(Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            // One booking: nothing to choose between, only to confirm.
            Title = mine.Count == 1 ? "Annuler votre réservation ?" : "Quelle réservation annuler ?",
            Facts = mine.Select(m => new Fact(m.Session.Title, FrenchDates.SessionWhen(m.Session.Start, SessionCards.ZoneOf(m.Session), context.Member.Zone))).ToList(),
            Choices = mine.Count == 1
                ? [new Choice("Annuler ma réservation", SessionCards.Value("annuler la réservation", mine[0].Session.Id), ChoiceStyle.Destructive).Doing(new CancelBooking(mine[0].Session.Id))]
                : mine.Select(m => new Choice($"Annuler « {Clip(m.Session.Title, 40)} »", SessionCards.Value("annuler la réservation", m.Session.Id), ChoiceStyle.Destructive).Doing(new CancelBooking(m.Session.Id))).ToList(),
        }));
    }

    private async Task ShowAsync(long id, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        context.Send(await queries.CardAsync(session, context.Member, context.Now, ct));
    }

    private async Task ChooseSessionForClientAsync(TurnContext context, CancellationToken ct)
    {
        var open = (await queries.UpcomingAsync(context.Now, 20, ct)).Where(s => s.ClientsTaken < s.ClientSlots && context.Now < s.BookingDeadline).Take(ListSize).ToList();
        if (open.Count == 0)
        {
            context.Send(new Reply { Text = "Aucune session à venir n'a de place de client libre pour l'instant.", SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())] });
            return;
        }
        context.Send(Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = "Être client : pour quelle session ?",
            Subtitle = "Le client apporte un problème réel ; le groupe l'aide à y voir clair.",
            Facts = open.Select(s => new Fact(s.Title, FrenchDates.SessionWhen(s.Start, SessionCards.ZoneOf(s), context.Member.Zone))).ToList(),
            Choices = open.Select(s => new Choice(Clip(s.Title, 60), SessionCards.Value("être client", s.Id)).Doing(new VolunteerAsClient(s.Id))).ToList(),
        }));
    }

    private async Task BeClientAsync(long id, string? typed, TurnContext context, CancellationToken ct)
    {
        var problem = context.Turn.FormValues.TryGetValue("probleme", out var fromForm) ? fromForm.Trim() : typed?.Trim();
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        var existing = await queries.BookingAsync(id, context.Member.Id, ct);
        if (string.IsNullOrWhiteSpace(problem))
        {
            if (session.Status != SessionStatus.Open || session.Start <= context.Now)
            {
                await AnswerAsync(context, Task.FromResult(new BookingResult(session.Status == SessionStatus.Open ? BookingOutcome.SessionPast : BookingOutcome.SessionCancelled, session)), ct);
                return;
            }
            context.Send(SessionCards.ProblemForm(session, existing?.Role == BookingRole.Client ? existing.Problem : null));
            return;
        }
        if (context.TextWasTruncated || problem.Length > SessionCommands.MaxProblem)
        {
            var length = context.TextWasTruncated && !context.Turn.FormValues.ContainsKey("probleme") ? "plus de 2 000" : Thousands(problem.Length);
            context.Say($"Votre problème fait {length} caractères : {Thousands(SessionCommands.MaxProblem)} au plus. Résumez-le en quelques lignes (la situation, ce qui bloque, ce que vous attendez du groupe). Rien n'a été enregistré.");
            context.Send(SessionCards.ProblemForm(session, null));
            return;
        }
        if (problem.Length < SessionCommands.MinProblem)
        {
            context.Say($"Décrivez votre problème en au moins {SessionCommands.MinProblem} caractères, pour que le groupe puisse s'y préparer. Rien n'a été enregistré.");
            context.Send(SessionCards.ProblemForm(session, problem));
            return;
        }
        await BookAsync(id, BookingRole.Client, problem, null, context, ct);
    }

    private Task BookAsync(long id, BookingRole role, string? problem, string? source, TurnContext context, CancellationToken ct) =>
        AnswerAsync(context, bookings.BookAsync(id, context.Member.Id, role, problem, source, context.Now, ct), ct);

    private async Task AnswerAsync(TurnContext context, Task<BookingResult> pending, CancellationToken ct)
    {
        var result = await pending;
        var s = result.Session;
        var zone = context.Member.Zone;
        var title = s is null ? "" : $"« {s.Title} »";
        switch (result.Outcome)
        {
            case BookingOutcome.Confirmed:
                context.Say(result.Booking!.Role == BookingRole.Client
                    ? $"C'est noté : vous êtes client de {title}. L'animateur lira votre problème et le groupe vous aidera à y voir clair."
                    : $"C'est noté : votre place est réservée pour {title}. " + ReminderPromise(s!, context.Now));
                await CardAndProfileAsync(s!, context, ct);
                break;
            case BookingOutcome.Waitlisted:
                context.Say($"{title} est complète : vous êtes sur la liste d'attente, en position {result.Position}. Si une place se libère, je vous la proposerai ici et vous aurez {options.Value.OfferHours} h pour la confirmer.");
                break;
            case BookingOutcome.AlreadyConfirmed:
                context.Say($"Vous avez déjà une place pour {title} : rien n'a changé.");
                context.Send(await queries.CardAsync(s!, context.Member, context.Now, ct));
                break;
            case BookingOutcome.AlreadyWaitlisted:
                context.Say($"Vous êtes déjà sur la liste d'attente de {title}, en position {result.Position}.");
                break;
            case BookingOutcome.BecameClient:
                context.Say($"C'est noté : vous êtes désormais client de {title}, avec le problème que vous avez décrit. L'animateur le lira.");
                context.Send(await queries.CardAsync(s!, context.Member, context.Now, ct));
                break;
            case BookingOutcome.ProblemUpdated:
                context.Say($"Votre problème pour {title} est mis à jour.");
                break;
            case BookingOutcome.NoLongerClient:
                context.Say($"Vous n'êtes plus client de {title} ; vous gardez votre place comme consultant.");
                break;
            case BookingOutcome.OfferAccepted:
            case BookingOutcome.OfferAcceptedAsConsultant:
                context.Say($"Votre place pour {title} est confirmée." + (result.Outcome == BookingOutcome.OfferAcceptedAsConsultant ? " La place de client étant prise entre-temps, vous participez comme consultant." : ""));
                await CardAndProfileAsync(s!, context, ct);
                break;
            case BookingOutcome.OfferDeclined:
                context.Say($"C'est noté : vous laissez la place de {title}. Elle est proposée à la personne suivante.");
                break;
            case BookingOutcome.Cancelled:
                var link = queries.CalendarLink(result.Booking!.Id);
                context.Send(new Reply
                {
                    Text = $"Votre place pour {title} est annulée. Si quelqu'un attendait, elle lui est proposée.",
                    Card = new Card { Links = [new CardLink("Retirer de mon agenda (.ics)", link)] },
                    SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())],
                });
                break;
            case BookingOutcome.LeftWaitlist:
                context.Say($"Vous avez quitté la liste d'attente de {title}.");
                break;
            case BookingOutcome.NotFound:
                context.Send(new Reply { Text = "Je ne trouve pas cette session : rien n'a été changé.", SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())] });
                break;
            case BookingOutcome.SessionCancelled:
                context.Send(new Reply { Text = $"La session {title} a été annulée : rien n'a été changé.", SuggestedActions = [new Choice("Autres sessions", "sessions").Doing(new ListSessions())] });
                break;
            case BookingOutcome.SessionPast:
                context.Send(new Reply { Text = $"La session {title} a déjà commencé ou eu lieu : rien n'a été changé.", SuggestedActions = [new Choice("Prochaines sessions", "sessions").Doing(new ListSessions())] });
                break;
            case BookingOutcome.BookingClosed:
                context.Say($"Les inscriptions à {title} sont closes depuis le {FrenchDates.At(s!.BookingDeadline, zone)}. Rien n'a été changé ; l'animateur peut encore vous accueillir si vous le prévenez.");
                break;
            case BookingOutcome.Overlap:
                context.Say($"Vous avez déjà une place pour « {result.Conflict!.Title} » au même moment ({FrenchDates.SessionWhen(result.Conflict.Start, SessionCards.ZoneOf(result.Conflict), zone)}). " +
                            $"Annulez-la d'abord si vous préférez {title}. Rien n'a été changé.");
                break;
            case BookingOutcome.ClientSlotsFull:
                context.Send(new Reply
                {
                    Text = (s!.ClientSlots == 0 ? $"{title} n'a pas de place de client. " : $"La place de client de {title} est déjà prise. ") + (result.Booking?.Status == BookingStatus.Confirmed
                        ? "Vous gardez votre place de consultant." : "Vous pouvez participer comme consultant : rien n'a été réservé pour l'instant."),
                    SuggestedActions = result.Booking?.Status == BookingStatus.Confirmed ? [] : [new Choice("Réserver comme consultant", SessionCards.Value("réserver", s!.Id)).Doing(new BookSeat(s!.Id))],
                });
                break;
            case BookingOutcome.NotBooked:
                context.Send(new Reply { Text = $"Vous n'avez pas de réservation pour {title}.", SuggestedActions = [new Choice("Mes sessions", "mes sessions").Doing(new ShowMySessions())] });
                break;
            case BookingOutcome.CancellationClosed:
                context.Say($"Il est trop tard pour annuler en ligne votre place à {title} (c'était possible jusqu'au {FrenchDates.At(s!.CancellationDeadline, zone)}). " +
                            $"Prévenez {(string.IsNullOrWhiteSpace(s.FacilitatorName) ? "l'animateur" : s.FacilitatorName)} directement. Votre place est gardée.");
                break;
            case BookingOutcome.OfferExpired:
                context.Send(new Reply { Text = $"L'offre de place pour {title} a expiré : elle est passée à la personne suivante.", SuggestedActions = [new Choice("Me réinscrire", SessionCards.Value("réserver", s!.Id)).Doing(new BookSeat(s!.Id))] });
                break;
            case BookingOutcome.NoOffer:
                context.Say(result.Position is { } position
                    ? $"Aucune place ne vous est proposée pour {title} pour l'instant : vous êtes en position {position} sur la liste d'attente."
                    : $"Aucune place ne vous est proposée pour {title}.");
                break;
            case BookingOutcome.NotClient:
                context.Say($"Vous n'êtes pas client de {title}.");
                break;
        }
    }

    /// <summary>The session card after a booking; the first time, the profile form groups need.</summary>
    private async Task CardAndProfileAsync(CoDevSession session, TurnContext context, CancellationToken ct)
    {
        context.Send(await queries.CardAsync(session, context.Member, context.Now, ct));
        var profile = await queries.ProfileAsync(context.Member.Id, ct);
        if (profile?.Organisation is null)
            context.Send(SessionCards.ProfileForm(null, profile?.Region, "Première réservation : indiquez votre structure et votre région, pour des groupes qui mélangent les structures (facultatif, modifiable avec « mon organisation »)."));
    }

    private async Task CalendarAsync(long id, TurnContext context, CancellationToken ct)
    {
        var session = await queries.FindAsync(id, ct);
        var booking = session is null ? null : await queries.BookingAsync(id, context.Member.Id, ct);
        if (session is null) { NotFound(context, id); return; }
        if (booking is null || booking.Status is BookingStatus.Waitlisted or BookingStatus.Offered)
        {
            context.Say($"Vous n'avez pas de place pour « {session.Title} » : il n'y a pas d'invitation à mettre dans votre agenda.");
            return;
        }
        var cancelled = booking.Status == BookingStatus.Cancelled || session.Status == SessionStatus.Cancelled;
        context.Send(Reply.Show(new Card
        {
            Title = cancelled ? $"Retirer « {session.Title} » de votre agenda" : $"« {session.Title} » dans votre agenda",
            Subtitle = $"{FrenchDates.SessionWhen(session.Start, SessionCards.ZoneOf(session), context.Member.Zone)}. Le lien est personnel et vaut {options.Value.CalendarLinkDays} jours.",
            Links = [new CardLink(cancelled ? "Annulation (.ics)" : "Invitation (.ics)", queries.CalendarLink(booking.Id))],
        }));
    }

    private async Task ActionPlanAsync(long id, string? typed, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        var plan = context.Turn.FormValues.TryGetValue("plan", out var fromForm) ? fromForm.Trim() : typed?.Trim();
        if (string.IsNullOrWhiteSpace(plan))
        {
            context.Send(SessionCards.ActionPlanForm(session, (await queries.BookingAsync(id, context.Member.Id, ct))?.ActionPlan));
            return;
        }
        if (context.TextWasTruncated || plan.Length > SessionCommands.MaxPlan)
        {
            context.Say($"Votre plan d'action est trop long ({SessionCommands.MaxPlan} caractères au plus). Gardez l'essentiel : trois actions, avec une date. Rien n'a été enregistré.");
            return;
        }
        if (await run.SaveActionPlanAsync(id, context.Member.Id, plan, context.Now, ct) is { } refusal) { context.Say(refusal); return; }
        context.Say($"Votre plan d'action pour « {session.Title} » est enregistré. Je vous le rappellerai avant votre prochaine session.");
    }

    private async Task FeedbackAsync(long id, int score, TurnContext context, CancellationToken ct)
    {
        if (score is < 1 or > 5) { context.Say("Répondez par un nombre de 1 (pas utile) à 5 (très utile)."); return; }
        if (await run.SaveFeedbackAsync(id, context.Member.Id, score, context.Now, ct) is { } refusal) { context.Say(refusal); return; }
        context.Say("Merci pour votre avis ! Il aide les animateurs à faire évoluer les sessions.");
    }

    private async Task NextStepAsync(long id, int? fromStep, TurnContext context, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } session) { NotFound(context, id); return; }
        var booking = await queries.BookingAsync(id, context.Member.Id, ct);
        if (!context.Member.IsFacilitator && booking?.Status != BookingStatus.Confirmed)
        {
            context.Say("Seuls les participants et l'animateur de la session font avancer le guide.");
            return;
        }
        var (current, moved, refusal) = await run.NextStepAsync(id, fromStep ?? session.GuideStep, ct);
        if (refusal is not null) { context.Say(refusal); return; }
        if (!moved) context.Say($"Le guide est déjà passé à l'étape {Math.Min(current!.GuideStep, 6)} : voici où en est la session.");
        context.Send(await run.GuideCardAsync(current!, ct));
    }

    private static void NotFound(TurnContext context, long id) =>
        context.Send(new Reply { Text = $"Je ne trouve pas de session n° {id}.", SuggestedActions = [new Choice("Voir les sessions", "sessions").Doing(new ListSessions())] });

    private static string Thousands(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ');

    private static string Clip(string s, int max) => TextCut.AtWord(s, max);

    /// <summary>Only the reminders still ahead are promised (none for a session a few minutes away).</summary>
    private static string ReminderPromise(CoDevSession s, NodaTime.Instant now)
    {
        var ahead = ReminderOffsets.Parse(s.Reminders).Where(o => s.Start - o.Before > now).ToList();
        return ahead.Count == 0 ? "La session commence bientôt : pas de rappel d'ici là." : $"Je vous enverrai un rappel ({ReminderOffsets.Describe(ahead)}).";
    }
}
