using Communaute.Bot.Calendar;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>The one holiday calendar of sessions and digest, against known dates 2026–2030.</summary>
public sealed class PublicHolidaysTests
{
    // Easter-based days (Pâques: 5/4/2026, 28/3/2027, 16/4/2028, 1/4/2029, 21/4/2030).
    public static readonly TheoryData<string, string> Metropole = new()
    {
        { "2026-01-01", "Jour de l'an" }, { "2026-04-06", "Lundi de Pâques" }, { "2026-05-01", "Fête du Travail" }, { "2026-05-08", "Victoire 1945" },
        { "2026-05-14", "Ascension" }, { "2026-05-25", "Lundi de Pentecôte" }, { "2026-07-14", "Fête nationale" }, { "2026-08-15", "Assomption" },
        { "2026-11-01", "Toussaint" }, { "2026-11-11", "Armistice 1918" }, { "2026-12-25", "Noël" },
        { "2027-03-29", "Lundi de Pâques" }, { "2027-05-06", "Ascension" }, { "2027-05-17", "Lundi de Pentecôte" },
        { "2028-04-17", "Lundi de Pâques" }, { "2028-05-25", "Ascension" }, { "2028-06-05", "Lundi de Pentecôte" },
        { "2029-04-02", "Lundi de Pâques" }, { "2029-05-10", "Ascension" }, { "2029-05-21", "Lundi de Pentecôte" },
        { "2030-04-22", "Lundi de Pâques" }, { "2030-05-30", "Ascension" }, { "2030-06-10", "Lundi de Pentecôte" },
    };

    public static readonly TheoryData<Territory, string, string> Territories = new()
    {
        { Territory.AlsaceMoselle, "2026-04-03", "Vendredi saint" }, { Territory.AlsaceMoselle, "2026-12-26", "Saint-Étienne" },
        { Territory.AlsaceMoselle, "2027-03-26", "Vendredi saint" }, { Territory.AlsaceMoselle, "2028-04-14", "Vendredi saint" },
        { Territory.AlsaceMoselle, "2029-03-30", "Vendredi saint" }, { Territory.AlsaceMoselle, "2030-04-19", "Vendredi saint" },
        { Territory.AlsaceMoselle, "2030-12-26", "Saint-Étienne" }, { Territory.AlsaceMoselle, "2027-05-06", "Ascension" },
        { Territory.Mayotte, "2026-04-27", "Abolition de l'esclavage" }, { Territory.Mayotte, "2029-04-27", "Abolition de l'esclavage" },
        { Territory.Martinique, "2026-05-22", "Abolition de l'esclavage" }, { Territory.Martinique, "2028-05-22", "Abolition de l'esclavage" },
        { Territory.Guadeloupe, "2026-05-27", "Abolition de l'esclavage" }, { Territory.Guadeloupe, "2030-05-27", "Abolition de l'esclavage" },
        { Territory.Guyane, "2026-06-10", "Abolition de l'esclavage" }, { Territory.Guyane, "2027-06-10", "Abolition de l'esclavage" },
        { Territory.Guyane, "2030-06-10", "Lundi de Pentecôte et Abolition de l'esclavage" },
        { Territory.LaReunion, "2026-12-20", "Abolition de l'esclavage" }, { Territory.LaReunion, "2029-12-20", "Abolition de l'esclavage" },
        { Territory.LaReunion, "2028-05-25", "Ascension" }, { Territory.Guadeloupe, "2029-12-25", "Noël" },
    };

    [Theory]
    [MemberData(nameof(Metropole))]
    public void Metropolitan_holidays_are_known_and_everywhere(string date, string name)
    {
        var d = Parse(date);
        foreach (var territory in Enum.GetValues<Territory>())
            Assert.StartsWith(name, FrenchPublicHolidays.On(d, territory)!.Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Territories))]
    public void Each_territory_has_its_own_days(Territory territory, string date, string name) =>
        Assert.Equal(name, FrenchPublicHolidays.On(Parse(date), territory)?.Name);

    [Theory]
    [InlineData(Territory.Metropole, "2026-04-03")]
    [InlineData(Territory.Metropole, "2026-12-26")]
    [InlineData(Territory.Guadeloupe, "2026-05-22")]
    [InlineData(Territory.Martinique, "2026-05-27")]
    [InlineData(Territory.LaReunion, "2026-06-10")]
    [InlineData(Territory.Mayotte, "2026-12-20")]
    [InlineData(Territory.AlsaceMoselle, "2026-05-27")]
    public void A_day_of_another_territory_is_a_working_day_here(Territory territory, string date) =>
        Assert.Null(FrenchPublicHolidays.On(Parse(date), territory));

    [Fact]
    public void Each_year_has_eleven_national_days_and_the_territories_their_extra_ones()
    {
        for (var year = 2026; year <= 2030; year++)
        {
            Assert.Equal(11, FrenchPublicHolidays.In(year).Count);
            Assert.Equal(13, FrenchPublicHolidays.In(year, Territory.AlsaceMoselle).Count);
            foreach (var t in new[] { Territory.Guadeloupe, Territory.Martinique, Territory.Guyane, Territory.LaReunion, Territory.Mayotte })
                Assert.Equal(12, FrenchPublicHolidays.In(year, t).Count);
        }
    }

    [Theory]
    [InlineData("Europe/Paris", "2027-05-06", "Ascension")]
    [InlineData("Europe/Paris", "2027-03-26", "Vendredi saint en Alsace-Moselle")]
    [InlineData("America/Guadeloupe", "2027-05-27", "Abolition de l'esclavage")]
    [InlineData("Indian/Reunion", "2027-12-20", "Abolition de l'esclavage")]
    [InlineData("Europe/Paris", "2027-05-27", null)]
    public void A_session_is_warned_by_its_zone(string zone, string date, string? warning) =>
        Assert.Equal(warning, FrenchPublicHolidays.WarningFor(Parse(date), zone));

    private static LocalDate Parse(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
