using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>What facilitators do after publishing: edit, write to participants, mark attendance, cancel a series, propose groups.</summary>
public sealed class FacilitatorConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private TestChat _facilitator = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync();
        _facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_facilitator_edits_in_the_form_writes_to_participants_and_marks_attendance()
    {
        var id = await _facilitator.CreateSessionAsync(_host, date: "10/12/2026", time: "14h00");
        var alice = new TestChat(_host, "alice", "Alice");
        var bruno = new TestChat(_host, "bruno", "Bruno");
        await alice.Says($"réserver {id}");
        await bruno.Says($"réserver {id}");

        var form = (await _facilitator.Says($"modifier la session {id}")).Answers("Modifier « Co-développement des incubés »").Replies.Single(r => r.Card?.Inputs.Count > 0).Card!;
        Assert.Equal(("10/12/2026", "14h00", "Co-développement des incubés"),
            (form.Inputs.Single(i => i.Id == "date").Value, form.Inputs.Single(i => i.Id == "heure").Value, form.Inputs.Single(i => i.Id == "titre").Value));
        var values = new Dictionary<string, string> { ["titre"] = "Codev de décembre", ["date"] = "10/12/2026", ["heure"] = "14h00", ["capacite_min"] = "1", ["capacite_max"] = "1" };
        (await _facilitator.Submits(values)).Answers("2 personnes ont déjà une place", "Rien n'a été modifié");
        values["capacite_max"] = "10";
        values["lieu"] = "Maison de l'ESS, Nantes";
        (await _facilitator.Submits(values)).Answers("« Codev de décembre » est à jour", "2 participants prévenus");
        Assert.Contains("Maison de l'ESS, Nantes", _host.Sent().TextTo("conv-alice"));
        Assert.Equal(1, (await _host.BookingsAsync(id)).Min(b => b.CalendarSequence));

        (await _facilitator.Says($"message aux participants {id} : Pensez à apporter votre problème, à jeudi !")).Answers("Message envoyé à 2 participants");
        Assert.Contains("Message de Fanny Animatrice", _host.Sent().TextTo("conv-bruno"));
        Assert.Contains("à jeudi !", _host.Sent().TextTo("conv-bruno"));
        (await _facilitator.Says($"message aux participants {id} : Pensez à apporter votre problème, à jeudi !")).Answers("déjà été envoyé aujourd'hui");
        Assert.Single(_host.Sent().To("conv-bruno"), r => r.Card?.Title?.StartsWith("Message de", StringComparison.Ordinal) == true);

        (await _facilitator.Says($"présences {id}")).Answers("pas encore eu lieu");
        _host.Clock.Reset(Instant.FromUtc(2026, 12, 10, 16, 0));
        await _host.RunDueWorkAsync();
        Assert.Equal(1, await _host.DbAsync(db => db.Set<PairMeeting>().CountAsync()));
        (await _facilitator.Says($"présences {id}")).Answers("Présences à « Codev de décembre »", "Alice", "Bruno");
        var bookings = await _host.BookingsAsync(id);
        var present = bookings.ToDictionary(b => $"present_{b.Id}", b => b.MemberId == bookings[0].MemberId ? "true" : "false");
        (await _facilitator.Submits(present)).Answers("1 présent");
        Assert.Equal([true, false], (await _host.BookingsAsync(id)).Select(b => b.Attended == true));
        Assert.Equal(0, await _host.DbAsync(db => db.Set<PairMeeting>().CountAsync()));
        (await _facilitator.Says($"participants {id}")).Answers("Alice", "— présent", "Bruno", "— absent");
    }

    [Fact]
    public async Task The_rest_of_a_series_is_edited_then_cancelled_and_its_members_told()
    {
        await _facilitator.Says("créer une série");
        await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = "chaque premier mardi à 9h30, 3 sessions", ["titre"] = "Matinales" });
        var ids = await _host.DbAsync(db => db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Id).ToListAsync());
        Assert.Equal(3, ids.Count);
        var seriesId = await _host.DbAsync(db => db.Set<SessionSeries>().Select(s => s.Id).SingleAsync());
        var alice = new TestChat(_host, "alice", "Alice");
        await alice.Says($"réserver {ids[0]}");
        await alice.Says($"réserver {ids[2]}");
        _host.Clock.Reset(Instant.FromUtc(2026, 12, 1, 10, 0)); // after the first one (1 December, 9h30)

        (await _facilitator.Says($"modifier la série {seriesId}")).Answers("Modifier la suite de « Matinales » (2 sessions)");
        (await _facilitator.Submits(new Dictionary<string, string> { ["titre"] = "Matinales du mardi", ["lieu"] = "Solilab, Nantes" }))
            .Answers("2 sessions de la série mises à jour, 1 inscription prévenue");
        Assert.Equal(["Matinales", "Matinales du mardi", "Matinales du mardi"], await _host.DbAsync(db => db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Title).ToListAsync()));
        Assert.Contains("Solilab, Nantes", _host.Sent().TextTo("conv-alice"));

        (await _facilitator.Says($"annuler la série {seriesId}")).Answers("2 sessions à venir");
        (await _facilitator.Clicks("Oui, annuler la série")).Answers("2 sessions à venir annulées, 1 personne prévenue");
        var statuses = await _host.DbAsync(db => db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Status).ToListAsync());
        Assert.Equal([SessionStatus.Open, SessionStatus.Cancelled, SessionStatus.Cancelled], statuses);
        Assert.Contains("Session annulée : « Matinales du mardi »", _host.Sent().TextTo("conv-alice"));
        (await _facilitator.ClicksValue($"confirmer l'annulation de la série {seriesId}", null)).Answers("déjà annulée");
    }

    [Fact]
    public async Task Groups_mix_organisations_avoid_past_pairs_and_leave_paused_members_out()
    {
        await _facilitator.Says("créer une série");
        await _facilitator.Submits(new Dictionary<string, string> { ["serie"] = "le 2e jeudi de chaque mois à 14h, 2 sessions", ["titre"] = "Codev", ["capacite_max"] = "30" });
        var (first, second) = await _host.DbAsync(async db =>
        {
            var ids = await db.Set<CoDevSession>().OrderBy(s => s.Start).Select(s => s.Id).ToListAsync();
            return (ids[0], ids[1]);
        });
        var seriesId = await _host.DbAsync(db => db.Set<SessionSeries>().Select(s => s.Id).SingleAsync());
        // Twelve members of six organisations (two each); two of them met at the first session.
        for (var i = 0; i < 12; i++)
        {
            var member = new TestChat(_host, $"m{i}", $"Membre {i:00}");
            await member.Says($"mon organisation Structure {i % 6}");
            if (i < 2) await member.Says($"réserver {first}");
            await member.Says($"réserver {second}");
        }
        var paused = new TestChat(_host, "paused", "En Pause");
        await paused.Says($"réserver {second}");
        await paused.Says("pause sessions jusqu'au 1er mars 2027");
        _host.Clock.Reset(Instant.FromUtc(2026, 12, 10, 16, 0));
        await _host.RunDueWorkAsync();
        Assert.Equal(1, await _host.DbAsync(db => db.Set<PairMeeting>().CountAsync()));

        var proposal = await _facilitator.Says($"proposer des groupes pour la série {seriesId}");
        proposal.Answers("Proposition de groupes — série", "Membres : 12 (+ 1 en pause)", "Groupes : 2", "Paires déjà rencontrées : 0", "Paires de la même structure : 0", "client proposé");
        proposal.DoesNotSay("- En Pause");
        (await new TestChat(_host, "m1", "Membre 01").Says("proposer des groupes")).Answers("réservée aux animateurs");
    }
}
