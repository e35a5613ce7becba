using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>A facilitator plans a series for months: holidays named and skipped or shifted, no past date, « à partir de mars ».</summary>
public sealed class SeriesDatesConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private TestChat _facilitator = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync();
        _facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<List<Instant>> StartsAsync() => _host.DbAsync(db => db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Start).ToListAsync());

    [Fact]
    public async Task Point1_a_series_names_the_holidays_and_the_facilitator_shifts_or_skips_them()
    {
        const string rule = "le 1er jeudi de chaque mois à 14h à partir du 1er avril 2027, 3 sessions";
        (await _facilitator.Says("créer une série " + rule))
            .Answers("jeudi 1er avril 2027, jeudi 6 mai 2027 (jour férié : Ascension), jeudi 3 juin 2027", "garder, sauter ou décaler");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = rule, ["titre"] = "Codev", ["feries"] = "decaler" }))
            .Answers("Série créée", "3 sessions", "jeudi 13 mai 2027 (au lieu du 6 mai 2027, Ascension)");
        Assert.Equal(Instant.FromUtc(2027, 5, 13, 12, 0), (await StartsAsync())[1]);

        const string christmas = "le dernier vendredi du mois à 10h, 2 sessions";
        (await _facilitator.Says("créer une série " + christmas)).Answers("vendredi 25 décembre 2026 (jour férié : Noël)");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = christmas, ["titre"] = "Vendredis", ["feries"] = "sauter" }))
            .Answers("Série créée", "2 sessions", "vendredi 27 novembre 2026", "vendredi 29 janvier 2027").DoesNotSay("25 décembre");
    }

    [Fact]
    public async Task Point1_a_single_session_on_a_holiday_is_created_with_a_warning()
    {
        await _facilitator.Says("créer une session");
        (await _facilitator.Submits(new Dictionary<string, string> { ["titre"] = "Codev de Noël", ["date"] = "25/12/2026", ["heure"] = "10h" }))
            .Answers("Session créée", "jour férié : Noël", "déplacer la session");
    }

    [Fact]
    public async Task Point3_the_preview_never_offers_a_past_date_and_the_series_has_what_was_previewed()
    {
        // Monday 23 November 2026, 10:00 in Paris: the 4th Monday at 09:30 has passed today.
        const string rule = "le 4e lundi de chaque mois à 9h30, 3 sessions";
        (await _facilitator.Says("créer une série " + rule))
            .Answers("3 sessions : lundi 28 décembre 2026, lundi 25 janvier 2027, lundi 22 février 2027").DoesNotSay("23 novembre");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = rule, ["titre"] = "Lundis" }))
            .Answers("Série créée", "3 sessions", "lundi 28 décembre 2026", "lundi 22 février 2027").DoesNotSay("23 novembre");
        Assert.Equal(3, (await StartsAsync()).Count);
    }

    [Fact]
    public async Task Point4_a_series_from_a_month_without_a_day_starts_that_month()
    {
        const string rule = "le 2e mardi de chaque mois à 14h à partir de mars 2027, 2 sessions";
        (await _facilitator.Says("créer une série " + rule)).Answers("2 sessions : mardi 9 mars 2027, mardi 13 avril 2027");
        (await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = rule, ["titre"] = "Mardis" })).Answers("Série créée", "mardi 9 mars 2027");
        Assert.Equal(Instant.FromUtc(2027, 3, 9, 13, 0), (await StartsAsync())[0]);
    }
}
