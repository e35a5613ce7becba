using System.Globalization;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Digest;

/// <summary>
/// Writes the sections of a draft from the month's sources: a few sections with real news, each with what a reader
/// can do now (book a seat, answer a question). A source with nothing to say gives no section; no section at all
/// means no digest.
/// </summary>
public static class DigestDraftBuilder
{
    public const int MaxEntries = 6;
    public const int MaxSessions = 6;
    public const int MaxTopics = 5;
    public const int MaxQuestions = 5;
    public const string ProposeCommand = "proposer une réponse";
    public const string EntryCommand = "fiche";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static List<DigestSection> Build(DigestSources sources)
    {
        var sections = new List<DigestSection>();
        if (SessionsSection(sources.Sessions) is { } s) sections.Add(s);
        if (Unanswered(sources) is { } u) sections.Add(u);
        if (Knowledge(sources) is { } k) sections.Add(k);
        if (Topics(sources) is { } t) sections.Add(t);
        if (Characterisation(sources) is { } c) sections.Add(c);
        if (Directory(sources) is { } d) sections.Add(d);
        return sections;
    }

    private static DigestSection? Directory(DigestSources sources) => sources.Directory is not { } d ? null
        : new DigestSection(SectionKinds.Directory, "Annuaire des expériences",
            $"- Nouvelles fiches d'expérience ce mois-ci : {d.NewCards.ToString(French)}\n- Mises en relation : {d.Introductions.ToString(French)}\n"
            + "Vous aussi, dites sur quoi vous pouvez aider ; pour trouver un pair : « qui peut m'aider sur … ? ».")
        {
            Buttons = [DigestButton.For("Ma fiche d'expérience", "ma fiche d'expérience", new ExperienceDirectory.Rules.ShowExperienceCard())],
        };

    public static DigestSection? SessionsSection(IReadOnlyList<BookableSession> sessions)
    {
        if (sessions.Count == 0) return null;
        var shown = sessions.Take(MaxSessions).ToList();
        var lines = shown.Select(b =>
        {
            var s = b.Session;
            var seats = s.SeatsLeft == 1 ? "1 place libre" : $"{s.SeatsLeft} places libres";
            var theme = string.IsNullOrWhiteSpace(s.Theme) ? "" : $" — {s.Theme}";
            var by = string.IsNullOrWhiteSpace(s.FacilitatorName) ? "" : $", animée par {s.FacilitatorName}";
            return $"- {s.Title}{theme} : {FrenchDates.At(s.Start, DigestCalendar.Paris)}{by} · {seats} sur {s.Capacity}";
        });
        var more = sessions.Count > shown.Count ? $"\nEt {FrenchCount.Of(sessions.Count - shown.Count, "autre")} : tapez « sessions »." : "";
        return new DigestSection(SectionKinds.Sessions, "Sessions de co-développement : il reste des places",
            string.Join("\n", lines) + more)
        {
            // The date first: two sessions of a series share their title, and a clipped label keeps its date.
            Buttons = shown.Select(b => DigestButton.For(Clip($"Réserver le {ShortDate(b.Session)} : {b.Session.Title}", 60), b.BookingValue, new Sessions.Features.BookSeat(b.Session.SessionId, b.Source))).ToList(),
        };
    }

    private static DigestSection? Unanswered(DigestSources sources)
    {
        if (sources.OpenQuestions.Count == 0) return null;
        var shown = sources.OpenQuestions.Take(MaxQuestions).ToList();
        var lines = shown.Select((q, i) => $"- Q{i + 1}. {Clip(q.Text, 300)}" + (q.Times > 1 ? $" — posée {q.Times} fois" : ""));
        return new DigestSection(SectionKinds.Unanswered, "Qui peut répondre ?",
            "Ces questions attendent encore une réponse. Si vous savez, proposez la vôtre : les curateurs l'ajouteront à la base.\n"
            + string.Join("\n", lines))
        {
            // The label names the question itself: it still says what it acts on if the list above is rewritten.
            Buttons = shown.Select((q, i) =>
            {
                var propose = new ProposeAnswer(q.Id, sources.DigestId);
                return DigestButton.For(Clip($"Répondre à Q{i + 1} : {q.Text}", 60), propose.Command, propose);
            }).ToList(),
        };
    }

    private static DigestSection? Knowledge(DigestSources sources)
    {
        if (sources.ChangedEntries.Count == 0) return null;
        var shown = sources.ChangedEntries.OrderByDescending(e => e.IsNew).Take(MaxEntries).ToList();
        var lines = shown.Select(e => $"- {e.Title}" + (e.IsNew ? " — nouvelle fiche" : " — fiche mise à jour"));
        var more = sources.ChangedEntries.Count > shown.Count ? $"\nEt {FrenchCount.Of(sources.ChangedEntries.Count - shown.Count, "autre fiche")}." : "";
        return new DigestSection(SectionKinds.Knowledge, "Nouveau dans la base de connaissances", string.Join("\n", lines) + more)
        {
            Buttons = shown.Take(3).Select(e => DigestButton.For(Clip("Lire : " + e.Title, 60), $"{EntryCommand} {e.Id}", new Features.ShowKnowledgeEntry(e.Id))).ToList(),
        };
    }

    private static DigestSection? Topics(DigestSources sources)
    {
        if (sources.Topics.Count == 0) return null;
        var lines = sources.Topics.Take(MaxTopics).Select(t => $"- {t.Title} — {t.Count} question{(t.Count > 1 ? "s" : "")}" + Rated(t));
        return new DigestSection(SectionKinds.Topics, "Les sujets les plus demandés ce mois-ci", string.Join("\n", lines));
    }

    /// <summary>" · jugée utile 3 fois, pas utile 1 fois" when members rated the answers of the period.</summary>
    private static string Rated(AskedTopic t) => (t.Useful, t.NotUseful) switch
    {
        (0, 0) => "",
        (var u, 0) => $" · jugée utile {u} fois",
        (0, var n) => $" · jugée pas utile {n} fois",
        var (u, n) => $" · jugée utile {u} fois, pas utile {n} fois",
    };

    private static DigestSection? Characterisation(DigestSources sources)
    {
        if (sources.Characterisation is not { } c) return null;
        var text = $"- {c.CompletedInPeriod.ToString(French)} projets caractérisés sur la grille de l'innovation sociale depuis le dernier digest."
                   + (c.CriterionToStrengthen is { } criterion ? $"\n- Le critère le plus souvent à renforcer : {criterion}." : "")
                   + "\nEt le vôtre ? Une auto-évaluation prend une dizaine de minutes.";
        return new DigestSection(SectionKinds.Characterisation, "Caractérisation des projets — chiffres anonymes", text)
        {
            Buttons = [DigestButton.For("Caractériser mon projet", "caractériser mon projet", new Communaute.Dialogs.Engine.StartDialog(Communaute.Dialogs.Characterisation.CharacterisationDialog.DialogId))],
        };
    }

    /// <summary>"jeu. 10/12" in Paris time, as on the posted digest.</summary>
    private static string ShortDate(Sessions.OpenSessionSummary s) => FrenchDates.ShortDate(s.Start.InZone(DigestCalendar.Paris).Date);

    public static string Clip(string text, int max)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return TextCut.AtWord(t, max);
    }
}
