using NodaTime;

namespace Communaute.Bot.Tests.French;

/// <summary>French dates read and written by the one module: a table of what people type and what the bot writes.</summary>
public sealed class FrenchDatesTests
{
    private static readonly LocalDate Today = new(2027, 3, 5); // vendredi 5 mars 2027
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    [Theory]
    [InlineData("12/03/2027", "2027-03-12")]
    [InlineData("12/03/27", "2027-03-12")]
    [InlineData("12.03", "2027-03-12")]
    [InlineData("2027-03-12", "2027-03-12")]
    [InlineData("le 12 mars", "2027-03-12")]
    [InlineData("Vendredi 12 Mars", "2027-03-12")]
    [InlineData("1er avril", "2027-04-01")]
    [InlineData("le 12 décembre 2027", "2027-12-12")]
    [InlineData("4 mars", "2028-03-04")] // hier : le prochain 4 mars
    [InlineData("29 février", "2028-02-29")] // le prochain qui existe
    [InlineData("aujourd'hui", "2027-03-05")]
    [InlineData("demain", "2027-03-06")]
    [InlineData("après-demain", "2027-03-07")]
    [InlineData("lundi", "2027-03-08")]
    [InlineData("vendredi prochain", "2027-03-12")] // le prochain après aujourd'hui
    public void Days_typed_in_french_are_read(string text, string expected)
    {
        var found = FrenchDates.FindDay(text, Today);
        Assert.NotNull(found);
        Assert.Null(found.Error);
        Assert.Equal(expected, found.Date!.Value.ToString("yyyy-MM-dd", null));
    }

    [Theory]
    [InlineData("31 février", "Le 31 février n'existe pas.")]
    [InlineData("31/04/2027", "Le 31 avril 2027 n'existe pas.")]
    [InlineData("29/02/2027", "Le 29 février 2027 n'existe pas.")]
    [InlineData("jeudi 12 mars", "Le 12 mars 2027 est un vendredi, pas un jeudi.")]
    [InlineData("12/13", "« 12/13 » n'est pas une date : le mois doit être entre 1 et 12.")]
    [InlineData("12/03/1999", "L'année 1999 n'est pas acceptée.")]
    public void Impossible_dates_give_their_reason_and_no_day(string text, string reason)
    {
        var found = FrenchDates.FindDay(text, Today);
        Assert.NotNull(found);
        Assert.Null(found.Date);
        Assert.Equal(reason, found.Error);
    }

    [Theory]
    [InlineData("n'importe quand")]
    [InlineData("")]
    [InlineData("14h")]
    public void Text_without_a_day_gives_nothing(string text) => Assert.Null(FrenchDates.FindDay(text, Today));

    [Theory]
    [InlineData("14h", 14, 0)]
    [InlineData("à 14h30", 14, 30)]
    [InlineData("9 h 30", 9, 30)]
    [InlineData("14:30", 14, 30)]
    [InlineData("16 heures", 16, 0)]
    [InlineData("à midi", 12, 0)]
    public void Times_typed_in_french_are_read(string text, int hour, int minute) =>
        Assert.Equal(new LocalTime(hour, minute), FrenchDates.FindTime(text)?.Time);

    [Theory]
    [InlineData("25h")]
    [InlineData("14h75")]
    [InlineData("le 12/03")]
    public void Impossible_times_are_not_read(string text) => Assert.Null(FrenchDates.FindTime(text));

    [Theory]
    [InlineData("12/03 14h", "2027-03-12T14:00")]
    [InlineData("le 12 mars 2027 à 10h15", "2027-03-12T10:15")]
    [InlineData("demain", "2027-03-06T09:00")]
    [InlineData("lundi prochain à 11h", "2027-03-08T11:00")]
    [InlineData("15h", "2027-03-05T15:00")]
    [InlineData("à 15h", "2027-03-05T15:00")]
    public void A_day_and_a_time_are_read_together_with_a_default_hour(string text, string expected)
    {
        var found = FrenchDates.FindMoment(text, Today, new LocalTime(9, 0));
        Assert.Null(found?.Error);
        Assert.Equal(expected, found?.Value?.ToString("yyyy-MM-ddTHH:mm", null));
    }

    [Theory]
    [InlineData("31/02 10h", "Le 31 février n'existe pas.")]
    [InlineData("25h", "« 25h » n'est pas une heure : de 0h à 23h59.")]
    public void An_impossible_moment_gives_its_reason(string text, string reason) =>
        Assert.Equal(new MomentFound(null, reason), FrenchDates.FindMoment(text, Today, new LocalTime(9, 0)));

    [Fact]
    public void Months_are_read_with_or_without_the_year()
    {
        Assert.Equal((3, 2027), FrenchDates.ReadMonth("mars 2027"));
        Assert.Equal((2, (int?)null), FrenchDates.ReadMonth("Février"));
        Assert.Null(FrenchDates.ReadMonth("bonjour"));
        Assert.Equal(new LocalDate(2027, 6, 30), FrenchDates.FindMonth("jusqu'en juin", Today)?.Date);
        Assert.Equal(new LocalDate(2028, 2, 29), FrenchDates.FindMonth("février", Today)?.Date);
        Assert.True(FrenchDates.MentionsMonth("Versé en Août"));
        Assert.False(FrenchDates.MentionsMonth("Versé à l'automne"));
    }

    [Fact]
    public void Dates_and_times_are_written_one_way()
    {
        Assert.Equal("vendredi 12 mars 2027", FrenchDates.Date(new LocalDate(2027, 3, 12)));
        Assert.Equal("jeudi 1er avril", FrenchDates.Date(new LocalDate(2027, 4, 1), withYear: false));
        Assert.Equal("1er janvier", FrenchDates.DayMonth(new LocalDate(2027, 1, 1)));
        Assert.Equal("lun. 04/01", FrenchDates.ShortDate(new LocalDate(2027, 1, 4)));
        Assert.Equal("04/01/2027", FrenchDates.Numeric(new LocalDate(2027, 1, 4)));
        Assert.Equal("04/01/2027 09h05", FrenchDates.Numeric(new LocalDateTime(2027, 1, 4, 9, 5)));
        Assert.Equal("mars 2027", FrenchDates.Month(new YearMonth(2027, 3)));
        Assert.Equal("décembre 2026", FrenchDates.Month(new YearMonth(2026, 12)));
        Assert.Equal("14h30", FrenchDates.Time(new LocalTime(14, 30)));
        Assert.Equal("09h00", FrenchDates.Time(new LocalTime(9, 0)));
        Assert.Equal("1 h 30", FrenchDates.Length(90));
        Assert.Equal("45 min", FrenchDates.Length(45));
    }

    [Fact]
    public void An_instant_is_written_in_the_readers_zone_with_the_zone_named()
    {
        var instant = Instant.FromUtc(2027, 3, 12, 13, 30);
        Assert.Equal("vendredi 12 mars 2027 à 14h30 (heure de Paris)", FrenchDates.At(instant, Paris));
        Assert.Equal("vendredi 12 mars 2027 à 17h30 (heure de La Réunion)", FrenchDates.At(instant, DateTimeZoneProviders.Tzdb["Indian/Reunion"]));
        Assert.Equal("vendredi 12 mars 2027, 14h30 heure de Paris — 09h30 à Pointe-à-Pitre",
            FrenchDates.SessionWhen(instant, Paris, DateTimeZoneProviders.Tzdb["America/Guadeloupe"]));
    }

    [Fact]
    public void Month_and_day_names_written_and_read_are_the_same_names()
    {
        for (var m = 1; m <= 12; m++)
            Assert.Equal(m, FrenchDates.MonthNumber(FrenchDates.MonthName(m)));
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
            Assert.Equal(day, FrenchDates.DayOfWeek(FrenchDates.DayName(day)));
    }

    [Theory]
    [InlineData("l’Œuvre ÉTÉ « naïve »", "l'oeuvre ete « naive »")]
    [InlineData("Caf`e", "caf'e")]
    public void Folding_lowers_and_drops_accents(string text, string expected) => Assert.Equal(expected, Folding.Fold(text));

    [Fact]
    public void Folding_variants_apply_the_same_rule()
    {
        Assert.Equal("ouvre a 14h, l'ete", Folding.FoldKeepingPositions("Œuvre à 14h, l’été"));
        Assert.Equal("caracteriser", Folding.FoldWords("  Caractériser !"));
        Assert.Equal("l oeuvre d ete", Folding.FoldWords("l’Œuvre d'été…"));
        Assert.Equal("", Folding.FoldWords("\ud800"));
    }
}
