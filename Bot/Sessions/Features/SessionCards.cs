using System.Globalization;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Dialogs.Replies;
using NodaTime;
using Communaute.Dialogs.Intents;

namespace Communaute.Bot.Sessions.Features;

/// <summary>How the viewer stands with a session (nothing, booked, waiting…), for the buttons of its card.</summary>
public sealed record ViewerState(BookingStatus? Status = null, BookingRole? Role = null, int? Position = null,
    Instant? OfferExpiresAt = null, string? CalendarUrl = null, bool IsFacilitator = false);

/// <summary>The cards of the sessions capability, in the neutral reply model (rendered on every channel).</summary>
public static class SessionCards
{
    /// <summary>
    /// The prompt id of the sessions' cards: a click on them is the sessions' own, never taken as the answer to a
    /// questionnaire running in the same conversation.
    /// </summary>
    public const string Prompt = "sessions";

    public static string Value(string command, long id) => string.Create(CultureInfo.InvariantCulture, $"{command} {id}");

    public static DateTimeZone ZoneOf(CoDevSession s) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(s.ZoneId) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>"3 places sur 8" / "complet — 2 en liste d'attente".</summary>
    public static string Seats(CoDevSession s, int waiting) => s.SeatsLeft switch
    {
        0 => waiting == 0 ? $"complet ({s.CapacityMax} places)" : $"complet ({s.CapacityMax} places) — {waiting} en liste d'attente",
        1 => $"1 place libre sur {s.CapacityMax}",
        var n => $"{n} places libres sur {s.CapacityMax}",
    };

    public static Card SessionCard(CoDevSession s, int waiting, DateTimeZone reader, ViewerState viewer, Instant now)
    {
        var facts = new List<Fact>
        {
            new("Quand", FrenchDates.SessionWhen(s.Start, ZoneOf(s), reader)),
            new("Durée", FrenchDates.Length(s.DurationMinutes)),
        };
        if (!string.IsNullOrWhiteSpace(s.Place)) facts.Add(new("Lieu", UserText.Escape(s.Place)));
        if (FrenchNames.Named(s.FacilitatorName) is { } facilitator) facts.Add(new("Animation", UserText.Name(facilitator)));
        if (!string.IsNullOrWhiteSpace(s.Organisation)) facts.Add(new("Organisé par", UserText.Escape(s.Organisation)));
        facts.Add(new("Places", Seats(s, waiting)));
        if (s.ClientSlots > 0)
            facts.Add(new("Client", (s.ClientSlots - s.ClientsTaken) switch
            {
                <= 0 => s.ClientSlots == 1 ? "place de client prise" : "places de client prises",
                1 => "1 place de client libre",
                var n => $"{n} places de client libres",
            }));
        facts.Add(new("Votre place", viewer.Status switch
        {
            BookingStatus.Confirmed => viewer.Role == BookingRole.Client ? "réservée, comme client" : "réservée, comme consultant",
            BookingStatus.Offered => $"une place vous est proposée : confirmez avant le {FrenchDates.At(viewer.OfferExpiresAt ?? now, reader)}",
            BookingStatus.Waitlisted => $"liste d'attente, position {viewer.Position}",
            _ => s.Status == SessionStatus.Cancelled ? "session annulée" : now >= s.BookingDeadline ? "inscriptions closes" : "pas encore réservée",
        }));

        var sections = new List<CardSection>();
        if (s.Status == SessionStatus.Cancelled) sections.Add(new(null, "**Cette session est annulée.**"));
        else if (s.Start <= now) sections.Add(new(null, now < s.End ? "Cette session a commencé : les inscriptions sont closes." : "Cette session a eu lieu."));
        if (NightHours.NightWarning(s.Start, s.End, reader) is { } night) sections.Add(new(null, night));
        if (s.Status == SessionStatus.Open && now < s.BookingDeadline && viewer.Status is null)
            sections.Add(new(null, $"Inscriptions jusqu'au {FrenchDates.At(s.BookingDeadline, reader)}."));

        var choices = new List<Choice>();
        var links = new List<CardLink>();
        if (s.Status == SessionStatus.Open && s.Start > now)
        {
            switch (viewer.Status)
            {
                case null when now < s.BookingDeadline:
                    choices.Add(s.SeatsLeft > 0 ? new Choice("Réserver", Value("réserver", s.Id), ChoiceStyle.Primary).Doing(new BookSeat(s.Id)) : new Choice("Liste d'attente", Value("liste d'attente", s.Id)).Doing(new JoinWaitlist(s.Id)));
                    if (s.ClientSlots > s.ClientsTaken) choices.Add(new Choice("Être client", Value("être client", s.Id)).Doing(new VolunteerAsClient(s.Id)));
                    break;
                case BookingStatus.Confirmed:
                    if (viewer.Role == BookingRole.Consultant && s.ClientSlots > s.ClientsTaken && now < s.BookingDeadline)
                        choices.Add(new Choice("Être client", Value("être client", s.Id)).Doing(new VolunteerAsClient(s.Id)));
                    choices.Add(new Choice("Annuler", Value("annuler la réservation", s.Id), ChoiceStyle.Destructive).Doing(new CancelBooking(s.Id)));
                    break;
                case BookingStatus.Offered:
                    choices.Add(new Choice("Confirmer ma place", Value("accepter la place", s.Id), ChoiceStyle.Primary).Doing(new AcceptSeatOffer(s.Id)));
                    choices.Add(new Choice("Refuser", Value("refuser la place", s.Id)).Doing(new DeclineSeatOffer(s.Id)));
                    break;
                case BookingStatus.Waitlisted:
                    choices.Add(new Choice("Quitter la liste d'attente", Value("quitter la liste d'attente", s.Id), ChoiceStyle.Destructive).Doing(new LeaveWaitlist(s.Id)));
                    break;
            }
            if (viewer.IsFacilitator)
            {
                choices.Add(new Choice("Participants", Value("participants", s.Id)).Doing(new ListParticipants(s.Id)));
                choices.Add(new Choice("Modifier", Value("modifier la session", s.Id)).Doing(new EditSession(s.Id)));
            }
        }
        if (viewer.CalendarUrl is { } url) links.Add(new CardLink("Calendrier (.ics)", url));
        return new Card
        {
            PromptId = SessionCards.Prompt,
            Title = UserText.Escape(s.Title),
            Subtitle = string.IsNullOrWhiteSpace(s.Theme) ? "Session de co-développement" : UserText.Escape(s.Theme),
            Facts = facts,
            Sections = sections,
            Choices = choices,
            Links = links,
        };
    }

    /// <summary>The card posted in a channel: the same for everyone, times in the session's zone.</summary>
    public static Card PublicCard(CoDevSession s, int waiting, Instant now)
    {
        var card = SessionCard(s, waiting, ZoneOf(s), new ViewerState(), now);
        return card with
        {
            Facts = card.Facts.Where(f => f.Label != "Votre place").ToList(),
            Sections = [.. card.Sections.Where(x => !x.Text.StartsWith("Attention", StringComparison.Ordinal)),
                new CardSection(null, "Réservez ici ; je vous réponds en privé avec l'heure chez vous et l'invitation pour votre agenda.")],
        };
    }

    public static Reply Offer(CoDevSession s, Booking b, DateTimeZone reader) => Reply.Show(new Card
    {
        PromptId = SessionCards.Prompt,
        Title = "Une place s'est libérée",
        Subtitle = $"« {UserText.Escape(s.Title)} » — confirmez avant le {FrenchDates.At(b.OfferExpiresAt!.Value, reader)}.",
        Facts = [new("Quand", FrenchDates.SessionWhen(s.Start, ZoneOf(s), reader)), new("Durée", FrenchDates.Length(s.DurationMinutes))],
        Sections = NightHours.NightWarning(s.Start, s.End, reader) is { } night ? [new CardSection(null, night)] : [],
        Choices = [new Choice("Confirmer ma place", Value("accepter la place", s.Id), ChoiceStyle.Primary).Doing(new AcceptSeatOffer(s.Id)), new Choice("Refuser", Value("refuser la place", s.Id)).Doing(new DeclineSeatOffer(s.Id))],
    });

    public static Reply OfferExpired(CoDevSession s) => new()
    {
        Text = $"La place proposée pour « {UserText.Escape(s.Title)} » n'a pas été confirmée à temps : elle passe à la personne suivante. Vous pouvez vous réinscrire sur la liste d'attente.",
        SuggestedActions = [new Choice("Me réinscrire", Value("réserver", s.Id)).Doing(new BookSeat(s.Id))],
    };

    public static Reply Reminder(CoDevSession s, Booking b, string label, DateTimeZone reader, string? previousPlan, string? calendarUrl)
    {
        var when = label switch
        {
            var l when l.StartsWith('J') => l == "J-1" ? "demain" : $"dans {l[2..]} jours",
            var l when l.StartsWith('H') => l == "H-1" ? "dans une heure" : $"dans {l[2..]} heures",
            var l => $"dans {l[2..]} minutes",
        };
        var sections = new List<CardSection>();
        if (b.Role == BookingRole.Client && !string.IsNullOrWhiteSpace(b.Problem))
            sections.Add(new("Le problème que vous apportez", UserText.Escape(b.Problem)));
        if (!string.IsNullOrWhiteSpace(previousPlan))
            sections.Add(new("Votre plan d'action de la dernière session", UserText.Escape(previousPlan) + "\n\nOù en êtes-vous ? Vous pourrez en dire un mot au groupe."));
        if (NightHours.NightWarning(s.Start, s.End, reader) is { } night) sections.Add(new(null, night));
        return Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Rappel : « {UserText.Escape(s.Title)} » {when}",
            Subtitle = b.Role == BookingRole.Client ? "Vous êtes client de cette session." : "Vous participez comme consultant.",
            Facts = [.. new[] { new Fact("Quand", FrenchDates.SessionWhen(s.Start, ZoneOf(s), reader)), new Fact("Durée", FrenchDates.Length(s.DurationMinutes)) },
                .. string.IsNullOrWhiteSpace(s.Place) ? Array.Empty<Fact>() : [new Fact("Lieu", UserText.Escape(s.Place))]],
            Sections = sections,
            Choices = [new Choice("Annuler ma place", Value("annuler la réservation", s.Id), ChoiceStyle.Destructive).Doing(new CancelBooking(s.Id))],
            Links = calendarUrl is null ? [] : [new CardLink("Calendrier (.ics)", calendarUrl)],
        });
    }

    /// <summary>What changed, told to each person booked: a confirmed seat is kept, an offer stands, a waitlisted one is still waiting.</summary>
    public static Reply Changed(CoDevSession s, DateTimeZone reader, string what, string? calendarUrl, BookingStatus status = BookingStatus.Confirmed) => Reply.Show(new Card
    {
        PromptId = SessionCards.Prompt,
        Title = $"« {UserText.Escape(s.Title)} » : {what}",
        Facts = [new("Quand", FrenchDates.SessionWhen(s.Start, ZoneOf(s), reader)), new("Durée", FrenchDates.Length(s.DurationMinutes)),
            .. string.IsNullOrWhiteSpace(s.Place) ? Array.Empty<Fact>() : [new Fact("Lieu", UserText.Escape(s.Place))]],
        Sections = [new(null, status switch
        {
            BookingStatus.Waitlisted => "Vous êtes toujours sur la liste d'attente : je vous préviens si une place se libère.",
            BookingStatus.Offered => "La place qui vous est proposée tient toujours : confirmez-la avant qu'elle passe au suivant.",
            _ => calendarUrl is null ? "Votre place est gardée." : "Votre place est gardée. L'invitation de votre agenda est mise à jour : ouvrez le lien ci-dessous.",
        })],
        Links = calendarUrl is null ? [] : [new CardLink("Calendrier mis à jour (.ics)", calendarUrl)],
        Choices = [new Choice(status == BookingStatus.Waitlisted ? "Quitter la liste d'attente" : "Annuler ma place", Value("annuler la réservation", s.Id), ChoiceStyle.Destructive).Doing(new CancelBooking(s.Id))],
    });

    public static Reply Cancelled(CoDevSession s, DateTimeZone reader, string? calendarUrl) => Reply.Show(new Card
    {
        PromptId = SessionCards.Prompt,
        Title = $"Session annulée : « {UserText.Escape(s.Title)} »",
        Subtitle = FrenchDates.SessionWhen(s.Start, ZoneOf(s), reader),
        Sections = [new(null, "L'animateur a annulé cette session. " + (calendarUrl is null ? "" : "Ouvrez le lien ci-dessous pour la retirer de votre agenda."))],
        Links = calendarUrl is null ? [] : [new CardLink("Retirer de mon agenda (.ics)", calendarUrl)],
        Choices = [new Choice("Autres sessions", "sessions").Doing(new ListSessions())],
    });

    public static Reply Message(CoDevSession s, string from, string text) => Reply.Show(new Card
    {
        Title = $"Message de {from} pour « {UserText.Escape(s.Title)} »",
        Sections = [new(null, UserText.Escape(text))],
    });

    /// <summary>The card that runs the session: the six steps, where the group is, the client's problem, a button to move on.</summary>
    public static Reply Guide(CoDevSession s, int step, IReadOnlyList<(string Name, string? Problem)> clients)
    {
        var lines = CoDevMethod.Steps.Select(x =>
            $"{(x.Number == step ? "▶ **" : x.Number < step ? "✓ " : "")}{x.Number}. {x.Name} ({x.Minutes} min){(x.Number == step ? "**" : "")} — {x.Guidance}");
        var sections = new List<CardSection> { new("Les six étapes (par client, environ 1 h 30)", string.Join("\n", lines.Select(l => "- " + l))) };
        foreach (var (name, problem) in clients)
            sections.Add(new($"Le problème {FrenchNames.Of(name)}", string.IsNullOrWhiteSpace(problem) ? "(pas encore écrit)" : UserText.Escape(problem)));
        if (clients.Count == 0) sections.Add(new(null, "Aucun client n'est inscrit : choisissez ensemble qui apporte un problème."));
        var current = CoDevMethod.Step(step);
        return Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = $"Session en cours : « {UserText.Escape(s.Title)} »",
            Subtitle = current is null ? "La session est terminée. Merci à toutes et à tous !" : $"Étape {step}/6 : {current.Name} — {current.Minutes} min",
            Sections = sections,
            Choices = current is null ? [] : [new Choice(step == 6 ? "Terminer la session" : "Étape suivante", string.Create(CultureInfo.InvariantCulture, $"étape suivante {s.Id} {step}"), ChoiceStyle.Primary).Doing(new NextGuideStep(s.Id, step))],
        });
    }

    public static Reply ActionPlanForm(CoDevSession s, string? current) => Reply.Show(new Card
    {
        Title = "Votre plan d'action",
        Subtitle = $"« {UserText.Escape(s.Title)} » : qu'allez-vous faire après cette session ? Je vous le rappellerai avant la prochaine.",
        Inputs = [new CardInput("plan", "Votre plan d'action", InputKind.MultilineText) { Required = true, MaxLength = SessionCommands.MaxPlan, Value = current, Placeholder = "Trois actions concrètes, avec une date." }],
        SubmitLabel = "Enregistrer",
        SubmitValue = Value("plan d'action", s.Id),
        SubmitAction = IntentCodec.Encode(new WriteActionPlan(s.Id)),
        PromptId = Value("sessions-plan", s.Id),
    });

    public static Reply ProblemForm(CoDevSession s, string? current) => Reply.Show(new Card
    {
        Title = "Être client de la session",
        Subtitle = $"« {UserText.Escape(s.Title)} » : décrivez en quelques lignes le problème réel que vous voulez apporter au groupe. L'animateur le lira.",
        Inputs = [new CardInput("probleme", "Votre problème", InputKind.MultilineText) { Required = true, MaxLength = SessionCommands.MaxProblem, Value = current, Placeholder = "La situation, ce qui bloque, ce que vous avez déjà essayé." }],
        SubmitLabel = "Proposer mon problème",
        SubmitValue = Value("être client", s.Id),
        SubmitAction = IntentCodec.Encode(new VolunteerAsClient(s.Id)),
        PromptId = Value("sessions-probleme", s.Id),
    });

    public static Reply Feedback(CoDevSession s) => Reply.Show(new Card
    {
        PromptId = SessionCards.Prompt,
        Title = $"Merci d'avoir participé à « {UserText.Escape(s.Title)} »",
        Subtitle = "Une seule question : cette session vous a-t-elle été utile ? (1 = pas du tout, 5 = beaucoup)",
        Choices = Enumerable.Range(1, 5).Select(i => new Choice(i.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"avis session {s.Id} {i}")).Doing(new RateSession(s.Id, i))).ToList(),
    });

    public static Reply ClientFollowUp(CoDevSession s, string? plan) => string.IsNullOrWhiteSpace(plan)
        ? ActionPlanForm(s, null)
        : Reply.Show(new Card
        {
            PromptId = SessionCards.Prompt,
            Title = "Votre plan d'action",
            Subtitle = $"Ce que vous avez retenu de « {UserText.Escape(s.Title)} » ; je vous le rappellerai avant votre prochaine session.",
            Sections = [new(null, UserText.Escape(plan))],
            Choices = [new Choice("Modifier mon plan", Value("plan d'action", s.Id)).Doing(new WriteActionPlan(s.Id))],
        });

    public static readonly IReadOnlyList<string> Regions =
    [
        "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est", "Hauts-de-France",
        "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
        "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Nouvelle-Calédonie", "Polynésie française",
    ];

    public static Reply ProfileForm(string? organisation, string? region, string? lead = null) => Reply.Show(new Card
    {
        Title = "Votre structure et votre région",
        Subtitle = lead ?? "Pour former des groupes qui mélangent structures et régions. Modifiable à tout moment (« mon organisation »).",
        // Either field alone is enough (the first booking's form says so): neither is marked required.
        Inputs =
        [
            new CardInput("organisation", "Votre structure (incubateur, générateur, accélérateur…)") { MaxLength = 200, Value = organisation },
            new CardInput("region", "Votre région", InputKind.Choice) { Value = region, Options = Regions.Select(r => new Choice(r, r)).ToList() },
        ],
        SubmitLabel = "Enregistrer",
        SubmitValue = "mon organisation",
        SubmitAction = IntentCodec.Encode(new SetOrganisation()),
        PromptId = "sessions-profil",
    });

    public static Reply ZoneChoice(DateTimeZone current, string? lead = null) => Reply.Show(new Card
    {
        PromptId = SessionCards.Prompt,
        Title = "Votre fuseau horaire",
        Subtitle = (lead is null ? "" : lead + " ") + $"Actuellement : {ZoneNames.For(current).Label} ({current.Id}). Les heures des sessions vous sont montrées dans ce fuseau.",
        Sections = [new(null, "Choisissez ci-dessous, ou tapez « mon fuseau » suivi d'un identifiant IANA (par exemple « mon fuseau America/Montreal »).")],
        Choices = ZoneNames.Usual.Select(z => new Choice(z.Label, "mon fuseau " + z.ZoneId).Doing(new SetTimeZone(z.ZoneId))).ToList(),
    });
}
