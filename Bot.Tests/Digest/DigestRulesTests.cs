using Communaute.Bot.Calendar;
using Communaute.Bot.Digest;
using NodaTime;

namespace Communaute.Bot.Tests.Digest;

/// <summary>The digest's rules without storage: calendar, French dates typed by facilitators, edits.</summary>
public sealed class DigestRulesTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_is_computed(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), FrenchPublicHolidays.Easter(year));

    [Theory]
    [InlineData("2026-04-06")] // lundi de Pâques
    [InlineData("2026-05-14")] // Ascension
    [InlineData("2026-05-25")] // lundi de Pentecôte
    [InlineData("2026-07-14")]
    [InlineData("2026-11-11")]
    [InlineData("2027-01-01")]
    public void French_public_holidays_are_not_working_days(string date)
    {
        var d = LocalDate.FromDateTime(DateTime.Parse(date));
        Assert.True(FrenchPublicHolidays.IsHoliday(d));
        Assert.False(FrenchPublicHolidays.IsWorkingDay(d));
    }

    [Theory]
    [InlineData(2027, 1, "2027-01-04")] // 1st a holiday (Friday), then the weekend
    [InlineData(2026, 11, "2026-11-02")] // 1st a Sunday and All Saints' Day
    [InlineData(2027, 5, "2027-05-03")] // 1st a Saturday (and Labour Day)
    [InlineData(2026, 12, "2026-12-01")]
    [InlineData(2026, 8, "2026-08-03")]
    [InlineData(2025, 6, "2025-06-02")]
    public void The_first_working_day_skips_weekends_and_holidays(int year, int month, string expected) =>
        Assert.Equal(LocalDate.FromDateTime(DateTime.Parse(expected)), DigestCalendar.FirstWorkingDay(new YearMonth(year, month)));

    [Fact]
    public void Posting_draft_and_reminder_are_at_nine_in_paris_whatever_the_season()
    {
        var january = new YearMonth(2027, 1);
        Assert.Equal(Instant.FromUtc(2027, 1, 4, 8, 0), DigestCalendar.PostingAt(january));
        Assert.Equal(Instant.FromUtc(2027, 1, 1, 8, 0), DigestCalendar.DraftAt(january));
        Assert.Equal(Instant.FromUtc(2027, 1, 3, 8, 0), DigestCalendar.ReminderAt(january));
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 7, 0), DigestCalendar.PostingAt(new YearMonth(2026, 6)));
        Assert.Equal(Instant.FromUtc(2026, 12, 31, 23, 0), DigestCalendar.EndOf(new YearMonth(2026, 12)));
        Assert.Equal("lundi 4 janvier 2027 à 09h00 (heure de Paris)", FrenchDates.At(DigestCalendar.PostingAt(january), DigestCalendar.Paris));
        Assert.Equal("lundi 4 janvier 2027 à 12h00 (heure de La Réunion)",
            FrenchDates.At(DigestCalendar.PostingAt(january), DateTimeZoneProviders.Tzdb["Indian/Reunion"]));
    }

    [Theory]
    [InlineData("12/01 14h", 2027, 1, 12, 14, 0)]
    [InlineData("12/01/2027 14:30", 2027, 1, 12, 14, 30)]
    [InlineData("5 janvier", 2027, 1, 5, 9, 0)]
    [InlineData("le 5 janvier 2027 à 10h15", 2027, 1, 5, 10, 15)]
    [InlineData("demain 16h", 2027, 1, 2, 16, 0)]
    [InlineData("après-demain", 2027, 1, 3, 9, 0)]
    [InlineData("lundi prochain à 11h", 2027, 1, 4, 11, 0)]
    [InlineData("15h", 2027, 1, 1, 15, 0)]
    public void Dates_typed_in_french_are_read_in_the_readers_zone(string text, int y, int mo, int d, int h, int mi)
    {
        var now = Instant.FromUtc(2027, 1, 1, 9, 0); // vendredi 1er janvier 2027, 10:00 à Paris
        Assert.Equal(new LocalDateTime(y, mo, d, h, mi).InZoneStrictly(DigestCalendar.Paris).ToInstant(), Postponed(text, now));
    }

    [Theory]
    [InlineData("n'importe quand")]
    [InlineData("31/02")]
    [InlineData("12/13")]
    [InlineData("25h")]
    [InlineData("")]
    public void Nonsense_dates_are_not_read(string text) =>
        Assert.Null(Postponed(text, Instant.FromUtc(2027, 1, 1, 9, 0)));

    private static Instant? Postponed(string text, Instant now) =>
        FrenchDates.FindMoment(text, now.InZone(DigestCalendar.Paris).Date, DigestCalendar.PostingTime)?.Value?.InZoneLeniently(DigestCalendar.Paris).ToInstant();

    [Fact]
    public void Edits_are_refused_with_the_limit_named_and_leave_the_content_unchanged()
    {
        var content = new DigestContent([new DigestSection(SectionKinds.Unanswered, "Qui peut répondre ?", "- Q1. Une question")]);
        var tooLong = DigestEdits.ReplaceText(content, 1, new string('x', DigestComposer.MaxSectionText + 1));
        Assert.Null(tooLong.Content);
        Assert.Contains("3000 au plus", tooLong.Message);
        Assert.Null(DigestEdits.AddNote(content, null, new string('x', 5000)).Content);
        Assert.Null(DigestEdits.AddNote(content, new string('t', 101), "texte").Content);
        Assert.NotNull(DigestEdits.ReplaceText(content, 1, new string('x', DigestComposer.MaxSectionText)).Content);
        var many = Enumerable.Range(0, DigestEdits.MaxSections).Aggregate(DigestContent.Empty, (c, i) => DigestEdits.AddNote(c, null, $"note {i}").Content!);
        Assert.Null(DigestEdits.AddNote(many, null, "une de trop").Content);
    }

    [Fact]
    public void A_month_with_nothing_gives_no_section()
    {
        var sources = new DigestSources(new YearMonth(2027, 1), 1, [], [], [], [], null);
        Assert.Empty(DigestDraftBuilder.Build(sources));
    }
}
