using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Rules;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>The rules without I/O: French dates and series phrases, times shown in the reader's zone, reminders, the form.</summary>
public sealed class SessionRulesTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    [Theory]
    [InlineData("12/03/2027", 2027, 3, 12)]
    [InlineData("12/3/27", 2027, 3, 12)]
    [InlineData("2027-03-12", 2027, 3, 12)]
    [InlineData("le 12 mars 2027", 2027, 3, 12)]
    [InlineData("vendredi 12 mars 2027", 2027, 3, 12)]
    [InlineData("1er avril", 2027, 4, 1)]
    [InlineData("10 décembre", 2026, 12, 10)]
    [InlineData("29 février", 2028, 2, 29)]
    public void French_dates_are_read(string text, int year, int month, int day)
    {
        var found = FrenchDates.FindDate(text, Today);
        Assert.NotNull(found);
        Assert.Null(found.Error);
        Assert.Equal(new LocalDate(year, month, day), found.Date);
    }

    [Theory]
    [InlineData("31 février", "31 février n'existe pas")]
    [InlineData("31/02/2027", "31 février 2027 n'existe pas")]
    [InlineData("30/04/2027", "30 avril 2027")]
    [InlineData("31/04/2027", "31 avril 2027 n'existe pas")]
    [InlineData("12/13/2027", "le mois doit être entre 1 et 12")]
    [InlineData("jeudi 12 mars 2027", "est un vendredi, pas un jeudi")]
    public void Impossible_dates_are_reported_not_moved(string text, string message)
    {
        var found = FrenchDates.FindDate(text, Today)!;
        if (message.StartsWith("30 avril", StringComparison.Ordinal)) { Assert.Null(found.Error); return; }
        Assert.Null(found.Date);
        Assert.Contains(message, found.Error);
    }

    [Theory]
    [InlineData("14h", 14, 0)]
    [InlineData("à 9h30", 9, 30)]
    [InlineData("9 h 30", 9, 30)]
    [InlineData("14:45", 14, 45)]
    [InlineData("midi", 12, 0)]
    [InlineData("17 heures", 17, 0)]
    public void Times_are_read(string text, int hour, int minute) =>
        Assert.Equal(new LocalTime(hour, minute), FrenchDates.FindTime(text)!.Time);

    [Fact]
    public void A_monthly_series_is_read_as_people_say_it()
    {
        var second = SeriesPhrase.Read("le 2e jeudi de chaque mois à 14h", Today);
        Assert.True(second.IsComplete, second.Explain());
        Assert.Equal(new MonthlyRule(2, IsoDayOfWeek.Thursday, new LocalTime(14, 0)), second.Rule);

        var first = SeriesPhrase.Read("chaque premier mardi à 9h30", Today);
        Assert.Equal(new MonthlyRule(1, IsoDayOfWeek.Tuesday, new LocalTime(9, 30)), first.Rule);

        var last = SeriesPhrase.Read("Le dernier vendredi du mois à 10h, 4 sessions", Today);
        Assert.Equal(new MonthlyRule(-1, IsoDayOfWeek.Friday, new LocalTime(10, 0)), last.Rule);
        Assert.Equal(4, last.Count);

        var bounded = SeriesPhrase.Read("le deuxième jeudi du mois à 14h à partir du 1er janvier 2027 jusqu'au 30 juin 2027", Today);
        Assert.True(bounded.IsComplete, bounded.Explain());
        Assert.Equal(new LocalDate(2027, 1, 1), bounded.From);
        Assert.Equal(new LocalDate(2027, 6, 30), bounded.Until);
        var dates = bounded.Rule!.Dates(bounded.From!.Value, bounded.Until, null);
        Assert.Equal([new(2027, 1, 14), new(2027, 2, 11), new(2027, 3, 11), new(2027, 4, 8), new(2027, 5, 13), new(2027, 6, 10)], dates);

        var months = SeriesPhrase.Read("tous les 3e mercredis à 18h pendant 3 mois", Today);
        Assert.Equal(3, months.Count);
        Assert.Equal([new(2026, 12, 16), new(2027, 1, 20), new(2027, 2, 17)], months.Rule!.Dates(Today, null, months.Count));

        var untilMonth = SeriesPhrase.Read("le 1er lundi de chaque mois à 10h jusqu'en mars 2027", Today);
        Assert.Equal(new LocalDate(2027, 3, 31), untilMonth.Until);
    }

    [Theory]
    [InlineData("tous les jeudis à 14h", "séries mensuelles")]
    [InlineData("le 2e jeudi de chaque mois", "Il me manque l'heure")]
    [InlineData("chaque mois à 14h", "jour de la semaine")]
    [InlineData("le 5e vendredi à 10h", "n'existe pas tous les mois")]
    [InlineData("n'importe quand", "Je n'ai rien reconnu")]
    [InlineData("le 2e jeudi à 14h jusqu'au 31 février", "31 février n'existe pas")]
    public void An_unreadable_phrase_says_what_was_understood_and_what_is_missing(string phrase, string expected)
    {
        var reading = SeriesPhrase.Read(phrase, Today);
        Assert.False(reading.IsComplete);
        Assert.Contains(expected, reading.Explain());
        if (phrase.StartsWith("le 2e jeudi de chaque", StringComparison.Ordinal)) Assert.Contains("J'ai compris : le jeudi ; le 2e du mois", reading.Explain());
    }

    [Fact]
    public void Monthly_sessions_keep_their_local_hour_across_the_daylight_saving_change()
    {
        var rule = new MonthlyRule(-1, IsoDayOfWeek.Sunday, new LocalTime(14, 0));
        var dates = rule.Dates(new LocalDate(2027, 2, 1), null, 3);
        Assert.Equal([new(2027, 2, 28), new(2027, 3, 28), new(2027, 4, 25)], dates);
        var instants = dates.Select(d => rule.At(d, Paris)).ToList();
        Assert.Equal(Instant.FromUtc(2027, 2, 28, 13, 0), instants[0]);
        Assert.Equal(Instant.FromUtc(2027, 3, 28, 12, 0), instants[1]);
        // A time skipped by the change (02:30 on 28 March) moves forward, it does not fail.
        Assert.Equal(Instant.FromUtc(2027, 3, 28, 1, 30), new MonthlyRule(-1, IsoDayOfWeek.Sunday, new LocalTime(2, 30)).At(new LocalDate(2027, 3, 28), Paris));
    }

    [Fact]
    public void Times_are_shown_in_the_readers_zone_with_the_zone_named()
    {
        var start = Instant.FromUtc(2027, 3, 11, 13, 0); // 14h00 in Paris (winter time)
        Assert.Equal("jeudi 11 mars 2027, 14h00 heure de Paris", FrenchDates.SessionWhen(start, Paris, Paris));
        Assert.Equal("jeudi 11 mars 2027, 14h00 heure de Paris — 09h00 à Pointe-à-Pitre",
            FrenchDates.SessionWhen(start, Paris, DateTimeZoneProviders.Tzdb["America/Guadeloupe"]));
        Assert.Equal("jeudi 11 mars 2027, 14h00 heure de Paris — 17h00 à Saint-Denis (La Réunion)",
            FrenchDates.SessionWhen(start, Paris, DateTimeZoneProviders.Tzdb["Indian/Reunion"]));
        Assert.Equal("jeudi 11 mars 2027, 14h00 heure de Paris — vendredi 12 mars, 00h00 à Nouméa",
            FrenchDates.SessionWhen(start, Paris, DateTimeZoneProviders.Tzdb["Pacific/Noumea"]));

        // 10h00 in Paris is 23h00 the day before in Papeete (22h00 in summer time).
        var morning = Instant.FromUtc(2027, 1, 14, 9, 0);
        var tahiti = DateTimeZoneProviders.Tzdb["Pacific/Tahiti"];
        Assert.Equal("jeudi 14 janvier 2027, 10h00 heure de Paris — mercredi 13 janvier, 23h00 à Papeete", FrenchDates.SessionWhen(morning, Paris, tahiti));
        Assert.Contains("22h00", FrenchDates.SessionWhen(Instant.FromUtc(2027, 6, 10, 8, 0), Paris, tahiti));
    }

    [Fact]
    public void Night_time_in_the_readers_zone_is_flagged()
    {
        var tahiti = DateTimeZoneProviders.Tzdb["Pacific/Tahiti"];
        var morning = Instant.FromUtc(2027, 1, 14, 9, 0);
        var end = morning + Duration.FromHours(2);
        Assert.False(NightHours.IsAtNight(morning, end, Paris));
        Assert.True(NightHours.IsAtNight(morning, end, tahiti));
        Assert.Contains("de nuit", NightHours.NightWarning(morning, end, tahiti));
        Assert.Null(NightHours.NightWarning(morning, end, DateTimeZoneProviders.Tzdb["Indian/Reunion"]));
        // 05:30–07:30 in La Réunion starts at night; 20:00–22:00 ends at 22:00 exactly: day.
        var reunion = DateTimeZoneProviders.Tzdb["Indian/Reunion"];
        Assert.True(NightHours.IsAtNight(Instant.FromUtc(2027, 1, 14, 1, 30), Instant.FromUtc(2027, 1, 14, 3, 30), reunion));
        Assert.False(NightHours.IsAtNight(Instant.FromUtc(2027, 1, 14, 16, 0), Instant.FromUtc(2027, 1, 14, 18, 0), reunion));
        Assert.True(NightHours.IsAtNight(Instant.FromUtc(2027, 1, 14, 16, 0), Instant.FromUtc(2027, 1, 14, 18, 30), reunion));
    }

    [Fact]
    public void Zones_are_found_by_iana_id_or_by_the_name_people_use()
    {
        Assert.Equal("America/Guadeloupe", ZoneNames.Find("Guadeloupe")!.Id);
        Assert.Equal("Indian/Reunion", ZoneNames.Find("la réunion")!.Id);
        Assert.Equal("Pacific/Noumea", ZoneNames.Find("Nouméa")!.Id);
        Assert.Equal("Pacific/Tahiti", ZoneNames.Find("tahiti")!.Id);
        Assert.Equal("America/Montreal", ZoneNames.Find("america/montreal")!.Id);
        Assert.Null(ZoneNames.Find("Mars/Olympus_Mons"));
        Assert.Null(ZoneNames.Find("n'importe où"));
    }

    [Fact]
    public void Reminders_are_read_as_facilitators_type_them()
    {
        Assert.True(ReminderOffsets.TryParse("J-2, H-1", out var both, out _));
        Assert.Equal(["J-2", "H-1"], both.Select(o => o.Label));
        Assert.Equal(Duration.FromDays(2), both[0].Before);
        Assert.True(ReminderOffsets.TryParse("h-3 et j-1", out var sorted, out _));
        Assert.Equal(["J-1", "H-3"], sorted.Select(o => o.Label));
        Assert.True(ReminderOffsets.TryParse("aucun", out var none, out _));
        Assert.Empty(none);
        Assert.False(ReminderOffsets.TryParse("demain", out _, out var error));
        Assert.Contains("J-2, H-1", error);
        Assert.False(ReminderOffsets.TryParse("J-30", out _, out _));
    }

    [Fact]
    public void The_form_refuses_bad_input_with_reasons_and_keeps_defaults()
    {
        var now = Instant.FromUtc(2026, 11, 23, 9, 0);
        var ok = new Dictionary<string, string> { ["titre"] = "Codev", ["date"] = "10/12/2026", ["heure"] = "14h" };
        var (draft, problems) = SessionForm.Read(ok, Paris, now, needsDate: true);
        Assert.Empty(problems);
        Assert.Equal(Instant.FromUtc(2026, 12, 10, 13, 0), draft!.Start);
        Assert.Equal((4, 8, 1, 120), (draft.CapacityMin, draft.CapacityMax, draft.ClientSlots, draft.DurationMinutes));

        string Problems(Dictionary<string, string> changes)
        {
            var values = new Dictionary<string, string>(ok);
            foreach (var (k, v) in changes) values[k] = v;
            var (d, p) = SessionForm.Read(values, Paris, now, needsDate: true);
            Assert.Null(d);
            return string.Join(" ", p);
        }
        Assert.Contains("déjà passé", Problems(new() { ["date"] = "01/11/2026" }));
        Assert.Contains("31 février 2027 n'existe pas", Problems(new() { ["date"] = "31/02/2027" }));
        Assert.Contains("inférieure au minimum", Problems(new() { ["capacite_max"] = "3" }));
        Assert.Contains("titre est obligatoire", Problems(new() { ["titre"] = " " }));
        Assert.Contains("nombre entier", Problems(new() { ["capacite_min"] = "quatre" }));
        Assert.Contains("rappel", Problems(new() { ["rappels"] = "la veille au soir" }));
        Assert.Contains("durée", Problems(new() { ["duree"] = "10" }));
        Assert.Contains("heure", Problems(new() { ["heure"] = "tôt" }));
    }

    public static TheoryData<string, object> TypedCommands => new()
    {
        { "Réserver 12 via digest:2026-12", new BookSeat(12, "digest:2026-12") },
        { "inscris-moi à la session 7", new BookSeat(7) },
        { "Être client 3 : Notre AMI arrive, QUE faire ?", new VolunteerAsClient(3, "Notre AMI arrive, QUE faire ?") },
        { "annuler la réservation 4", new CancelBooking(4) },
        { "Annuler ma réservation", new ChooseBookingToCancel() },
        { "accepter la place 9", new AcceptSeatOffer(9) },
        { "déplacer la session 5 au 19/03/2027 14h", new MoveSession(5, "19/03/2027 14h") },
        { "mon fuseau America/Guadeloupe", new SetTimeZone("America/Guadeloupe") },
        { "créer une série le 2e jeudi de chaque mois à 14h", new CreateSeries("le 2e jeudi de chaque mois à 14h") },
        { "proposer des groupes pour la série 2", new ProposeGroups(2) },
    };

    [Theory]
    [MemberData(nameof(TypedCommands))]
    public void Commands_are_read_into_their_intent_with_their_payload_as_typed(string text, object intent) =>
        Assert.Equal(intent, SessionCommands.Parse(text));

    [Theory]
    [InlineData("Qu'est-ce que le codéveloppement ?")]
    [InlineData("Comment réserver une salle à la Ruche ?")]
    [InlineData("annuler")]
    public void Questions_about_sessions_are_left_to_the_knowledge_base(string text) => Assert.Null(SessionCommands.Parse(text));

    [Theory]
    [InlineData("sessions", typeof(ListSessions))]
    [InlineData("mes sessions", typeof(ShowMySessions))]
    [InlineData("mon fuseau", typeof(SetTimeZone))]
    [InlineData("fuseau Guadeloupe", typeof(SetTimeZone))]
    public void The_slack_slash_command_reaches_the_same_words(string subcommand, Type intent) =>
        Assert.IsType(intent, SessionCommands.Parse(SlashCommand.ToTurnText(subcommand)));
}
