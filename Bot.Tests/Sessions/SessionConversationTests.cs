using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>Facilitators publish, members book, volunteer as client, cancel and wait: the conversations, as people have them.</summary>
public sealed class SessionConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private TestChat _facilitator = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync();
        _facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private TestChat Member(string id, string name, string? zone = null) => new(_host, id, name, timeZone: zone);

    [Fact]
    public async Task A_member_books_in_her_own_time_zone_a_double_click_books_once_and_she_cancels_and_books_again()
    {
        var id = await _facilitator.CreateSessionAsync(_host, date: "10/12/2026", time: "14h00");
        var alice = Member("alice", "Alice", "America/Guadeloupe");

        (await alice.Says("sessions")).Answers("jeudi 10 décembre 2026, 14h00 heure de Paris — 09h00 à Pointe-à-Pitre", "8 places libres sur 8").Offers("Réserver", "Être client");
        var booked = await alice.Clicks("Réserver");
        booked.Answers("votre place est réservée", "7 places libres sur 8", "Calendrier (.ics)").Offers("Annuler");
        (await alice.ClicksValue($"réserver {id}", null)).Answers("déjà une place", "rien n'a changé");
        Assert.Equal(1, (await _host.SessionAsync(id)).Taken);
        Assert.Single(await _host.BookingsAsync(id));

        (await alice.Says("annuler ma réservation")).Answers("Annuler votre réservation ?").Offers("Annuler ma réservation");
        (await alice.Clicks("Annuler ma réservation")).Answers("est annulée", "Retirer de mon agenda");
        Assert.Equal(0, (await _host.SessionAsync(id)).Taken);
        (await alice.Says("mes sessions")).Answers("aucune session à venir");

        (await alice.Says($"Réserver {id}")).Answers("votre place est réservée");
        var booking = Assert.Single(await _host.BookingsAsync(id));
        Assert.Equal((BookingStatus.Confirmed, 2), (booking.Status, booking.CalendarSequence));
        (await alice.Says("mes sessions")).Answers("Votre session à venir", "réservée, comme consultant");
    }

    [Theory]
    [InlineData("je veux réserver")]
    [InlineData("Prochaine session ?")]
    [InlineData("inscris-moi")]
    [InlineData("Inscrivez-moi !")]
    [InlineData("/sessions")]
    [InlineData("sessions de codéveloppement")]
    public async Task Natural_phrasings_reach_the_list(string text)
    {
        await _facilitator.CreateSessionAsync(_host);
        (await Member("zoe", "Zoé").Says(text)).Answers("Les prochaines sessions").Offers("Réserver").DoesNotSay("Source");
    }

    [Fact]
    public async Task A_member_volunteers_as_client_with_a_problem_and_the_facilitator_sees_it()
    {
        var id = await _facilitator.CreateSessionAsync(_host);
        var bruno = Member("bruno", "Bruno", "Indian/Reunion");
        (await bruno.Says($"être client {id}")).Answers("Être client de la session", "Votre problème");
        (await bruno.Submits(new Dictionary<string, string> { ["probleme"] = "Trop court" })).Answers("au moins 20 caractères", "Rien n'a été enregistré");
        Assert.Empty(await _host.BookingsAsync(id));
        (await bruno.Submits(new Dictionary<string, string> { ["probleme"] = "Notre tiers-lieu peine à fidéliser ses bénévoles après six mois." }))
            .Answers("vous êtes client", "Première réservation : indiquez votre structure");
        await bruno.Submits(new Dictionary<string, string> { ["organisation"] = "La Ruche Réunion", ["region"] = "La Réunion" });

        var carol = Member("carol", "Carol");
        (await carol.Says($"être client {id} : Comment financer une étude d'impact sans y passer l'année ?")).Answers("place de client", "déjà prise", "rien n'a été réservé").Offers("Réserver comme consultant");
        Assert.Single(await _host.BookingsAsync(id));

        (await _facilitator.Says($"participants {id}")).Answers("Bruno — client", "La Ruche Réunion (La Réunion)", "La Réunion", "Problème de Bruno", "fidéliser ses bénévoles");
    }

    [Fact]
    public async Task A_freed_seat_is_offered_to_the_first_on_the_waitlist_who_confirms_it()
    {
        var id = await _facilitator.CreateSessionAsync(_host, more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "2" });
        var (a, b, c, d) = (Member("a", "Amel"), Member("b", "Basile"), Member("c", "Chloé", "Pacific/Noumea"), Member("d", "Dario"));
        await a.Says($"réserver {id}");
        await b.Says($"réserver {id}");
        (await c.Says("sessions")).Answers("complet").Offers("Liste d'attente");
        (await c.Clicks("Liste d'attente")).Answers("liste d'attente, en position 1", "12 h pour la confirmer");
        (await d.Says($"réserver {id}")).Answers("en position 2");

        (await a.Says($"annuler la réservation {id}")).Answers("est annulée");
        var offer = _host.Sent().TextTo("conv-c");
        Assert.Contains("Une place s'est libérée", offer);
        Assert.Contains("confirmez avant le mardi 24 novembre 2026 à 08h00 (heure de Nouméa)", offer);
        Assert.Equal(2, (await _host.SessionAsync(id)).Taken);
        (await b.Says($"réserver {id}")).Answers("déjà une place");
        (await d.Says("mes sessions")).Answers("position 1");

        (await c.ClicksSent(_host, "Confirmer ma place")).Answers("Votre place pour « Co-développement des incubés » est confirmée");
        (await c.ClicksSent(_host, "Confirmer ma place")).Answers("déjà une place");
        var rows = await _host.BookingsAsync(id);
        Assert.Equal(2, rows.Count(r => r.Status == BookingStatus.Confirmed));
        Assert.Equal(1, rows.Count(r => r.Status == BookingStatus.Waitlisted));
        var log = await _host.DbAsync(db => db.Set<WaitlistOffer>().AsNoTracking().SingleAsync());
        Assert.Equal((1, OfferOutcome.Accepted), (log.Position, log.Outcome));
    }

    [Fact]
    public async Task An_offer_not_confirmed_in_time_passes_to_the_next_and_is_never_silently_booked()
    {
        var id = await _facilitator.CreateSessionAsync(_host, more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "1" });
        var (a, c, d) = (Member("a", "Amel"), Member("c", "Chloé"), Member("d", "Dario"));
        await a.Says($"réserver {id}");
        await c.Says($"réserver {id}");
        await d.Says($"réserver {id}");
        await a.Says($"annuler la réservation {id}");
        Assert.Contains("Une place s'est libérée", _host.Sent().TextTo("conv-c"));

        _host.Clock.Advance(TimeSpan.FromHours(11));
        await _host.RunDueWorkAsync();
        Assert.DoesNotContain("n'a pas été confirmée", _host.Sent().TextTo("conv-c"));
        _host.Clock.Advance(TimeSpan.FromHours(1));
        await _host.RunDueWorkAsync();
        await _host.RunDueWorkAsync();
        Assert.Contains("n'a pas été confirmée à temps", _host.Sent().TextTo("conv-c"));
        Assert.Single(_host.Sent().To("conv-d"), r => r.Card?.Title == "Une place s'est libérée");

        (await c.ClicksSent(_host, "Confirmer ma place")).Answers("a expiré");
        var rows = await _host.BookingsAsync(id);
        Assert.Equal(BookingStatus.Cancelled, rows.Single(r => r.Id == rows[1].Id).Status);
        Assert.Equal(BookingStatus.Offered, rows[2].Status);

        (await d.ClicksSent(_host, "Refuser")).Answers("vous laissez la place");
        Assert.Equal(0, (await _host.SessionAsync(id)).Taken);
        var outcomes = await _host.DbAsync(db => db.Set<WaitlistOffer>().OrderBy(o => o.Id).Select(o => o.Outcome).ToListAsync());
        Assert.Equal([OfferOutcome.Expired, OfferOutcome.Declined], outcomes);
        Assert.DoesNotContain(await _host.BookingsAsync(id), r => r.Status == BookingStatus.Confirmed);
    }

    [Fact]
    public async Task A_monthly_series_is_created_from_the_french_phrase_across_the_clock_change()
    {
        var preview = await _facilitator.Says("créer une série le 2e jeudi de chaque mois à 14h jusqu'au 30 juin 2027");
        preview.Answers("J'ai compris : le 2e jeudi de chaque mois à 14h00 (heure de Paris), 7 sessions : jeudi 10 décembre 2026");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = "le 2e jeudi de chaque mois à 14h jusqu'au 30 juin 2027", ["titre"] = "Codev mensuel" }))
            .Answers("Série créée : « Codev mensuel »", "7 sessions", "jeudi 8 avril 2027 à 14h00");
        var starts = await _host.DbAsync(db => db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Start).ToListAsync());
        Assert.Equal(7, starts.Count);
        Assert.Equal(Instant.FromUtc(2027, 3, 11, 13, 0), starts[3]);
        Assert.Equal(Instant.FromUtc(2027, 4, 8, 12, 0), starts[4]);

        var alice = Member("alice", "Alice", "America/Martinique");
        (await alice.Says("sessions")).Answers("jeudi 8 avril 2027, 14h00 heure de Paris — 08h00 à Fort-de-France", "jeudi 11 mars 2027, 14h00 heure de Paris — 09h00 à Fort-de-France");
    }

    [Fact]
    public async Task A_series_rule_typed_under_the_form_fills_it_and_a_member_typing_one_creates_nothing()
    {
        (await _facilitator.Says("créer une série")).Answers("Nouvelle série mensuelle");
        (await _facilitator.Says("chaque premier mardi à 9h30"))
            .Answers("J'ai compris : le 1er mardi de chaque mois à 09h30 (heure de Paris)", "Nouvelle série mensuelle");
        (await Member("alice", "Alice", "Europe/Paris").Says("le 2e jeudi de chaque mois à 14h")).DoesNotSay("Nouvelle série mensuelle");
        Assert.Equal(0, await _host.DbAsync(db => db.Set<SessionSeries>().CountAsync()));
    }

    [Fact]
    public async Task A_series_phrase_the_bot_cannot_read_is_explained_and_nothing_is_created()
    {
        await _facilitator.Says("créer une série");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = "tous les jeudis à 14h", ["titre"] = "Codev" }))
            .Answers("Je n'ai pas créé la série", "J'ai compris : le jeudi ; à 14h00", "séries mensuelles", "le 2e jeudi de chaque mois à 14h");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = "le 2e jeudi de chaque mois", ["titre"] = "Codev" })).Answers("Il me manque l'heure");
        Assert.Equal(0, await _host.DbAsync(db => db.Set<CoDevSession>().CountAsync()));
        Assert.Equal(0, await _host.DbAsync(db => db.Set<SessionSeries>().CountAsync()));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_and_changes_nothing()
    {
        await _facilitator.Says("créer une session");
        (await _facilitator.Submits(new Dictionary<string, string> { ["titre"] = "Passé", ["date"] = "01/11/2026", ["heure"] = "14h" })).Answers("déjà passé");
        (await _facilitator.Submits(new Dictionary<string, string> { ["titre"] = "Impossible", ["date"] = "31 février", ["heure"] = "14h" })).Answers("31 février n'existe pas");
        (await _facilitator.Submits(new Dictionary<string, string> { ["titre"] = "Petit", ["date"] = "10/12/2026", ["heure"] = "14h", ["capacite_min"] = "4", ["capacite_max"] = "3" }))
            .Answers("capacité maximale (3) est inférieure au minimum (4)");
        Assert.Equal(0, await _host.DbAsync(db => db.Set<CoDevSession>().CountAsync()));

        var id = await _facilitator.CreateSessionAsync(_host, date: "24/11/2026", time: "10h00");
        var late = Member("late", "Léa");
        (await late.Says($"réserver {id}")).Answers("inscriptions", "sont closes depuis le lundi 23 novembre 2026 à 10h00");
        (await late.Says("réserver 999")).Answers("Je ne trouve pas cette session : rien n'a été changé.");
        (await late.Says("réserver 99999999999999999999999")).Answers("Je ne trouve pas cette session");

        var other = await _facilitator.CreateSessionAsync(_host, title: "Autre", date: "10/12/2026");
        var huge = new string('x', 10_000);
        (await late.Says($"être client {other} : {huge}")).Answers("plus de 2 000 caractères", "1 500 au plus", "Rien n'a été enregistré");
        (await late.Says($"être client {other}")).Answers("Votre problème");
        (await late.Submits(new Dictionary<string, string> { ["probleme"] = huge })).Answers("10 000 caractères", "1 500 au plus");
        Assert.Empty(await _host.BookingsAsync(other));

        (await late.Says("mon fuseau Mars/Olympus")).Answers("Je ne connais pas le fuseau « Mars/Olympus »", "rien n'a été changé");
        Assert.Equal("Europe/Paris", await _host.DbAsync(db => db.Members.Where(m => m.ChannelUserId == "late").Select(m => m.TimeZoneId).SingleAsync()));

        await _facilitator.Says($"annuler la session {other}");
        (await _facilitator.Clicks("Oui, annuler la session")).Answers("est annulée");
        (await late.ClicksValue($"réserver {other}", null)).Answers("a été annulée : rien n'a été changé");
        (await late.ClicksValue($"être client {other}", null)).Answers("a été annulée");
        Assert.Empty(await _host.BookingsAsync(other));
    }

    [Fact]
    public async Task Members_who_try_facilitator_commands_are_told_and_nothing_happens()
    {
        var id = await _facilitator.CreateSessionAsync(_host);
        var alice = Member("alice", "Alice");
        foreach (var command in new[] { "créer une session", $"annuler la session {id}", $"participants {id}", "proposer des groupes", "créer une série le 1er lundi à 9h", $"message aux participants {id} : coucou" })
            (await alice.Says(command)).Answers("réservée aux animateurs");
        Assert.Equal(SessionStatus.Open, (await _host.SessionAsync(id)).Status);
    }

    [Fact]
    public async Task No_double_booking_at_overlapping_times()
    {
        var first = await _facilitator.CreateSessionAsync(_host, title: "Matin", date: "10/12/2026", time: "14h00");
        var second = await _facilitator.CreateSessionAsync(_host, title: "Chevauche", date: "10/12/2026", time: "15h00");
        var third = await _facilitator.CreateSessionAsync(_host, title: "Après", date: "10/12/2026", time: "16h00");
        var alice = Member("alice", "Alice");
        await alice.Says($"réserver {first}");
        (await alice.Says($"réserver {second}")).Answers("déjà une place pour « Matin » au même moment", "Rien n'a été changé");
        (await alice.Says($"réserver {third}")).Answers("votre place est réservée");
        Assert.Empty(await _host.BookingsAsync(second));
    }

    [Fact]
    public async Task Cancelling_after_the_deadline_is_refused_and_a_cancelled_session_tells_everyone()
    {
        var id = await _facilitator.CreateSessionAsync(_host, date: "24/11/2026", time: "14h00", more: new Dictionary<string, string> { ["cloture"] = "1" });
        var alice = Member("alice", "Alice");
        await alice.Says($"réserver {id}");
        _host.Clock.Advance(TimeSpan.FromHours(26)); // 24/11 11:00 UTC = 12h00 Paris, 2 h before
        (await alice.Says($"annuler la réservation {id}")).Answers("trop tard pour annuler en ligne", "Prévenez Fanny Animatrice", "Votre place est gardée");
        Assert.Equal(1, (await _host.SessionAsync(id)).Taken);

        var later = await _facilitator.CreateSessionAsync(_host, title: "Décembre", date: "10/12/2026");
        var bruno = Member("bruno", "Bruno");
        await bruno.Says($"réserver {later}");
        (await _facilitator.Says($"annuler la session {later}")).Answers("1 personne inscrite");
        (await _facilitator.Clicks("Oui, annuler")).Answers("1 personne prévenue");
        Assert.Contains("Session annulée : « Décembre »", _host.Sent().TextTo("conv-bruno"));
        Assert.Contains("Retirer de mon agenda", _host.Sent().TextTo("conv-bruno"));
        (await _facilitator.ClicksValue($"confirmer l'annulation de la session {later}", null)).Answers("déjà annulée");
    }

    [Fact]
    public async Task Members_choose_their_zone_and_see_night_sessions_flagged()
    {
        var id = await _facilitator.CreateSessionAsync(_host, date: "14/01/2027", time: "10h00");
        var tiare = Member("tiare", "Tiare", "Europe/Paris");
        (await tiare.Says("mon fuseau")).Answers("Votre fuseau horaire", "Paris (métropole)").Offers("Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Nouvelle-Calédonie", "Tahiti");
        (await tiare.Clicks("Tahiti")).Answers("heure de Tahiti (Pacific/Tahiti)");
        (await tiare.Says("sessions")).Answers("jeudi 14 janvier 2027, 10h00 heure de Paris — mercredi 13 janvier, 23h00 à Papeete", "cette session a lieu de nuit (23h00–01h00 à Papeete)");
        // The channel's guess no longer overrides a chosen zone.
        var again = new TestChat(_host, "tiare", "Tiare", timeZone: "Europe/Paris");
        (await again.Says($"session {id}")).Answers("à Papeete");
        (await again.Says("mon fuseau America/Montreal")).Answers("heure de Montreal");
    }

    [Fact]
    public async Task Members_keep_a_profile_and_may_pause()
    {
        var alice = Member("alice", "Alice");
        (await alice.Says("mon organisation")).Answers("Votre structure et votre région");
        (await alice.Says("mon organisation Les Ecossolies")).Answers("Les Ecossolies, région non renseignée");
        (await alice.Says("ma région pays de la loire")).Answers("Les Ecossolies, Pays de la Loire");
        (await alice.Says("ma région Atlantide")).Answers("Je ne connais pas la région « Atlantide »");
        (await alice.Says("pause sessions jusqu'au 15 janvier 2027")).Answers("en pause jusqu'au vendredi 15 janvier 2027 inclus");
        (await alice.Says("pause sessions jusqu'au 1er janvier 2020")).Answers("passée");
        (await alice.Says("reprendre les sessions")).Answers("Bon retour");
        var profile = await _host.DbAsync(db => db.Set<SessionProfile>().AsNoTracking().SingleAsync());
        Assert.Equal(("Les Ecossolies", "Pays de la Loire", (Instant?)null), (profile.Organisation, profile.Region, profile.PausedUntil));
    }

    [Fact]
    public async Task A_click_on_a_session_card_during_a_questionnaire_is_a_booking_not_an_answer()
    {
        var id = await _facilitator.CreateSessionAsync(_host);
        var alice = Member("alice", "Alice");
        var list = await alice.Says("sessions");
        await alice.Says("caractériser mon projet");
        var (choice, card) = (list.Choices.First(c => c.Label == "Réserver"), list.Replies.First(r => r.Card?.Choices.Any(c => c.Label == "Réserver") == true).Card);
        (await alice.ClicksValue(choice.Value, card!.PromptId)).Answers("votre place est réservée");
        Assert.Single(await _host.BookingsAsync(id));
    }

    [Fact]
    public async Task The_help_card_lists_the_sessions_commands()
    {
        (await Member("alice", "Alice").Says("aide")).Answers("sessions", "mes sessions", "mon fuseau", "annuler ma réservation");
    }
}
