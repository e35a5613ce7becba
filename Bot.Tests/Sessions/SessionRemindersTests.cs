using Communaute.Bot.Delivery;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>
/// Time-driven work with the fake clock: reminders at J-2 and H-1, once, after a restart, never after a cancellation;
/// the facilitator's summary; the guide card at the start and its steps; the follow-up; the plan recalled next month.
/// The session of these tests: Thursday 10 December 2026, 14h00 Paris (13:00 UTC); the clock starts Monday 23 November.
/// </summary>
public sealed class SessionRemindersTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 10, 13, 0);

    private static int Count(BotTestHost host, string conversation, string fragment) =>
        host.Sent().To(conversation).Count(r => Text(r).Contains(fragment, StringComparison.Ordinal));

    private static void At(BotTestHost host, Instant instant) => host.Clock.Reset(instant);

    private static string Text(Communaute.Dialogs.Replies.Reply reply) => Communaute.Bot.Rendering.PlainTextRenderer.Render(reply).Text;

    [Fact]
    public async Task Reminders_fire_once_at_the_right_instant_even_when_the_work_runs_twice_at_once()
    {
        await using var host = await SessionsHost.StartAsync();
        var id = await new TestChat(host, "facilitator", "Fanny").CreateSessionAsync(host);
        await new TestChat(host, "alice", "Alice", timeZone: "Indian/Reunion").Says($"réserver {id}");

        At(host, Start - Duration.FromDays(2) - Duration.FromMinutes(1));
        await host.RunDueWorkAsync();
        Assert.Equal(0, Count(host, "conv-alice", "Rappel"));

        At(host, Start - Duration.FromDays(2));
        var runner = host.Services.GetRequiredService<DueWorkRunner>();
        await Task.WhenAll(runner.RunAllAsync(), runner.RunAllAsync(), runner.RunAllAsync());
        await host.RunDueWorkAsync();
        Assert.Equal(1, Count(host, "conv-alice", "Rappel : « Co-développement des incubés » dans 2 jours"));
        Assert.Contains("14h00 heure de Paris — 17h00 à Saint-Denis (La Réunion)", host.Sent().TextTo("conv-alice"));

        At(host, Start - Duration.FromHours(1));
        await host.RunDueWorkAsync();
        await host.RunDueWorkAsync();
        Assert.Equal(1, Count(host, "conv-alice", "dans une heure"));
        Assert.Equal(2, Count(host, "conv-alice", "Rappel"));

        await using var scope = host.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetServices<IDueWork>().Single(w => w.Name == "sessions");
        Assert.Equal(Start, await work.NextDueAsync(host.Clock.GetCurrentInstant(), default));
    }

    [Fact]
    public async Task Reminders_survive_a_restart_between_booking_and_firing()
    {
        var host = await SessionsHost.StartAsync();
        var id = await new TestChat(host, "facilitator", "Fanny").CreateSessionAsync(host);
        await new TestChat(host, "alice", "Alice").Says($"réserver {id}");
        host = await host.RestartAsync(services: SessionsHost.Recording);
        await using var _ = host;
        At(host, Start - Duration.FromDays(2) + Duration.FromMinutes(1));
        await host.RunDueWorkAsync();
        await host.RunDueWorkAsync();
        Assert.Equal(1, Count(host, "conv-alice", "dans 2 jours"));
    }

    [Fact]
    public async Task No_reminder_after_a_cancellation_and_moved_sessions_remind_at_their_new_time()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny");
        var id = await facilitator.CreateSessionAsync(host);
        var alice = new TestChat(host, "alice", "Alice");
        var bruno = new TestChat(host, "bruno", "Bruno");
        await alice.Says($"réserver {id}");
        await bruno.Says($"réserver {id}");
        await alice.Says($"annuler la réservation {id}");
        (await facilitator.Says($"déplacer la session {id} au 17/12/2026 14h")).Answers("1 participant prévenu");

        At(host, Start - Duration.FromDays(2));
        await host.RunDueWorkAsync();
        Assert.Equal(0, Count(host, "conv-alice", "Rappel"));
        Assert.Equal(0, Count(host, "conv-bruno", "Rappel"));

        At(host, Start + Duration.FromDays(7) - Duration.FromDays(2));
        await host.RunDueWorkAsync();
        Assert.Equal(1, Count(host, "conv-bruno", "Rappel"));
        Assert.Equal(0, Count(host, "conv-alice", "Rappel"));
        Assert.Contains("jeudi 17 décembre 2026", host.Sent().TextTo("conv-bruno"));
    }

    [Fact]
    public async Task The_session_runs_with_the_guide_card_and_the_clients_plan_is_recalled_next_month()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny");
        await facilitator.Says("créer une série le 2e jeudi de chaque mois à 14h, 2 sessions");
        await facilitator.Submits(new Dictionary<string, string> { ["serie"] = "le 2e jeudi de chaque mois à 14h, 2 sessions", ["titre"] = "Codev" });
        var (first, second) = await host.DbAsync(async db =>
        {
            var ids = await db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Id).ToListAsync();
            return (ids[0], ids[1]);
        });
        var bruno = new TestChat(host, "bruno", "Bruno");
        var alice = new TestChat(host, "alice", "Alice");
        await bruno.Says($"être client {first} : Notre tiers-lieu peine à fidéliser ses bénévoles.");
        await alice.Says($"réserver {first}");
        await bruno.Says($"réserver {second}");

        At(host, Start - Duration.FromDays(1));
        await host.RunDueWorkAsync();
        var summary = host.Sent().TextTo("conv-facilitator");
        Assert.Contains("Demain : « Codev »", summary);
        Assert.Contains("Bruno (client)", summary);
        Assert.Contains("fidéliser ses bénévoles", summary);
        Assert.Contains("Attention : 2 inscrits pour un minimum de 4", summary);

        At(host, Start);
        await host.RunDueWorkAsync();
        Assert.Contains("Étape 1/6 : Exposé du problème — 10 min", host.Sent().TextTo("conv-alice"));
        Assert.Contains("Le problème de Bruno", host.Sent().TextTo("conv-facilitator"));

        (await alice.ClicksSent(host, "Étape suivante")).Answers("Étape 2/6 : Questions de clarification");
        (await bruno.ClicksSent(host, "Étape suivante")).Answers("déjà passé à l'étape 2", "Étape 2/6");
        (await new TestChat(host, "zoe", "Zoé").Says($"étape suivante {first} 2")).Answers("Seuls les participants");
        await facilitator.Says($"étape suivante {first} 2");
        await facilitator.Says($"étape suivante {first} 3");
        (await facilitator.Says($"étape suivante {first} 4")).Answers("Étape 5/6 : Synthèse et plan d'action");
        Assert.Contains("Votre plan d'action", host.Sent().TextTo("conv-bruno"));
        Assert.DoesNotContain("Votre plan d'action", host.Sent().TextTo("conv-alice"));
        (await bruno.Says($"plan d'action {first}")).Answers("Votre plan d'action");
        (await bruno.Submits(new Dictionary<string, string> { ["plan"] = "Appeler trois bénévoles partis ; créer un parrainage avant mars." })).Answers("est enregistré");

        At(host, Start + Duration.FromHours(2));
        await host.RunDueWorkAsync();
        Assert.Contains("cette session vous a-t-elle été utile", host.Sent().TextTo("conv-alice"));
        Assert.Contains("créer un parrainage avant mars", host.Sent().TextTo("conv-bruno"));
        (await alice.ClicksSent(host, "5")).Answers("Merci pour votre avis");
        var pairs = await host.DbAsync(db => db.Set<PairMeeting>().CountAsync());
        Assert.Equal(1, pairs);

        At(host, Instant.FromUtc(2027, 1, 12, 13, 0)); // J-2 before 14 January 2027
        await host.RunDueWorkAsync();
        var reminder = host.Sent().To("conv-bruno").Last(r => r.Card?.Title?.StartsWith("Rappel", StringComparison.Ordinal) == true);
        Assert.Contains("Votre plan d'action de la dernière session", Text(reminder));
        Assert.Contains("créer un parrainage avant mars", Text(reminder));
    }
}
