using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Bot.Sessions.Rules;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Sessions.Features;

public enum SessionVerb
{
    // Members
    List, Mine, Show, Book, BeClient, NotClient, Cancel, CancelMine, AcceptOffer, DeclineOffer, Calendar, ActionPlan, Feedback, NextStep,
    Zone, Organisation, Region, Pause, Resume,

    // Facilitators
    Create, CreateSeries, Edit, EditSeries, Move, CancelSession, ConfirmCancelSession, CancelSeries, ConfirmCancelSeries,
    Participants, Message, Attendance, SaveAttendance, Publish, StartGuide, ProposeGroups,
}

/// <summary>A sessions command read from what a member typed or clicked; <see cref="Payload"/> is kept as typed.</summary>
public sealed record SessionCommand(SessionVerb Verb, long? Id = null, string? Payload = null, string? Source = null, int? Number = null)
{
    public bool IsFacilitatorOnly => Verb >= SessionVerb.Create;
}

/// <summary>
/// The words of the sessions capability. Typed and clicked alike ("réserver 12" is what the Réserver button sends),
/// with accents, case and the natural phrasings ("je veux réserver", "inscris-moi", "annuler ma réservation").
/// </summary>
public static partial class SessionCommands
{
    public const int MinProblem = 20;
    public const int MaxProblem = 1500;
    public const int MaxPlan = 2000;
    public const int MaxMessage = 1500;

    private static readonly string[] ListWords =
    [
        "sessions", "session", "les sessions", "prochaine session", "prochaines sessions", "la prochaine session", "voir les sessions",
        "sessions a venir", "sessions disponibles", "sessions de codeveloppement", "sessions de co developpement", "co developpement",
        "codeveloppement", "quand est la prochaine session", "c est quand la prochaine session", "je veux reserver", "je voudrais reserver",
        "reserver", "reserver une session", "reserver une place", "inscris moi", "inscrivez moi", "m inscrire", "je veux m inscrire",
        "je voudrais m inscrire", "s inscrire", "inscription", "participer a une session", "je veux participer",
    ];

    private static readonly string[] MineWords =
    [
        "mes sessions", "mes reservations", "mes inscriptions", "ma reservation", "mon inscription", "mes places", "ou en suis je",
    ];

    private static readonly string[] CancelMineWords =
    [
        "annuler ma reservation", "annuler mon inscription", "annuler ma place", "je ne peux pas venir", "je ne pourrai pas venir",
        "desinscris moi", "desinscrivez moi", "me desinscrire", "annuler une reservation",
    ];

    private static readonly (Regex Pattern, SessionVerb Verb)[] WithId =
    [
        (new(@"^(?:reserver|inscris[- ]moi|inscrivez[- ]moi|m'inscrire|liste d'attente)(?: a| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)(?:\s+via\s+(?<src>[a-z0-9:_.\-]{1,100}))?$"), SessionVerb.Book),
        (new(@"^(?:etre client|je veux etre client|devenir client|proposer mon probleme)(?: de| a| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)?(?:\s*:\s*(?<p>.*))?$", RegexOptions.Singleline), SessionVerb.BeClient),
        (new(@"^ne plus etre client(?: de)?(?: la)?(?: session)?\s*#?\s*(?<id>\d+)$"), SessionVerb.NotClient),
        (new(@"^(?:annuler|quitter)(?: ma| la| mon)? (?:reservation|place|inscription|liste d'attente)(?: a| de| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)$"), SessionVerb.Cancel),
        (new(@"^(?:accepter|confirmer|je confirme|je prends)(?: ma| la)? place\s*#?\s*(?<id>\d+)$"), SessionVerb.AcceptOffer),
        (new(@"^(?:refuser|decliner|je refuse)(?: ma| la)? place\s*#?\s*(?<id>\d+)$"), SessionVerb.DeclineOffer),
        (new(@"^(?:calendrier|invitation|agenda|ics)(?: de la session| session)?\s*#?\s*(?<id>\d+)$"), SessionVerb.Calendar),
        (new(@"^session\s*(?:n°|no|#)?\s*(?<id>\d+)$"), SessionVerb.Show),
        (new(@"^plan d'action(?: de la session| session)?\s*#?\s*(?<id>\d+)(?:\s*:\s*(?<p>.*))?$", RegexOptions.Singleline), SessionVerb.ActionPlan),
        (new(@"^avis(?: de la session| session)?\s*#?\s*(?<id>\d+)\s+(?<n>\d{1,2})$"), SessionVerb.Feedback),
        (new(@"^etape suivante(?: session)?\s*#?\s*(?<id>\d+)(?:\s+(?<n>\d))?$"), SessionVerb.NextStep),
        (new(@"^(?:demarrer|lancer|commencer) la session\s*#?\s*(?<id>\d+)$"), SessionVerb.StartGuide),
        (new(@"^modifier la session\s*#?\s*(?<id>\d+)$"), SessionVerb.Edit),
        (new(@"^modifier (?:la suite de )?la serie\s*#?\s*(?<id>\d+)$"), SessionVerb.EditSeries),
        (new(@"^(?:deplacer|decaler|reporter) la session\s*#?\s*(?<id>\d+)(?:\s+(?:au|le|a|pour le)?\s*(?<p>.+))?$"), SessionVerb.Move),
        (new(@"^annuler la session\s*#?\s*(?<id>\d+)$"), SessionVerb.CancelSession),
        (new(@"^confirmer l'annulation de la session\s*#?\s*(?<id>\d+)$"), SessionVerb.ConfirmCancelSession),
        (new(@"^annuler (?:la suite de )?la serie\s*#?\s*(?<id>\d+)$"), SessionVerb.CancelSeries),
        (new(@"^confirmer l'annulation de la serie\s*#?\s*(?<id>\d+)$"), SessionVerb.ConfirmCancelSeries),
        (new(@"^(?:participants|inscrits|liste des inscrits|qui est inscrit)(?: a| de)?(?: la)?(?: session)?\s*#?\s*(?<id>\d+)$"), SessionVerb.Participants),
        (new(@"^(?:message aux participants|ecrire aux participants)(?: de la session| session)?\s*#?\s*(?<id>\d+)(?:\s*:?\s*(?<p>.*))?$", RegexOptions.Singleline), SessionVerb.Message),
        (new(@"^(?:presences|marquer les presences)(?: de la session| session)?\s*#?\s*(?<id>\d+)$"), SessionVerb.Attendance),
        (new(@"^enregistrer les presences(?: de la session| session)?\s*#?\s*(?<id>\d+)$"), SessionVerb.SaveAttendance),
        (new(@"^(?:publier|annoncer)(?: la session)?\s*#?\s*(?<id>\d+)(?:\s+ici)?$"), SessionVerb.Publish),
    ];

    private static readonly (Regex Pattern, SessionVerb Verb)[] WithoutId =
    [
        (new(@"^(?:sessions|voir plus de sessions|plus de sessions|sessions suivantes)\s+(?:page\s+)?(?<n>\d{1,3})$"), SessionVerb.List),
        (new(@"^(?:creer une session|nouvelle session|creer la session|ajouter une session)$"), SessionVerb.Create),
        (new(@"^(?:creer une serie|nouvelle serie|creer la serie|creer une serie de sessions)(?:\s*:?\s*(?<p>.+))?$", RegexOptions.Singleline), SessionVerb.CreateSeries),
        (new(@"^proposer des groupes(?:\s+(?:pour |de )?(?:la )?serie\s*#?\s*(?<id>\d+))?$"), SessionVerb.ProposeGroups),
        (new(@"^(?:mon fuseau(?: horaire)?|fuseau(?: horaire)?|changer de fuseau|changer mon fuseau)(?:\s*:?\s*(?<p>.+))?$"), SessionVerb.Zone),
        (new(@"^(?:mon organisation|ma structure|mon organisme)(?:\s*:?\s*(?<p>.+))?$"), SessionVerb.Organisation),
        (new(@"^ma region(?:\s*:?\s*(?<p>.+))?$"), SessionVerb.Region),
        (new(@"^(?:pause sessions|pause des sessions|mettre mes sessions en pause|suspendre mes participations?|pause co-?developpement)(?:\s+(?:jusqu'(?:au|a|en)|au)\s*(?<p>.+))?$"), SessionVerb.Pause),
        (new(@"^(?:reprendre les sessions|fin de (?:la )?pause|je reprends les sessions)$"), SessionVerb.Resume),
    ];

    public static SessionCommand? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var original = text.Trim().TrimStart('/');
        if (TextMatching.IsOneOf(original, ListWords)) return new(SessionVerb.List);
        if (TextMatching.IsOneOf(original, MineWords)) return new(SessionVerb.Mine);
        if (TextMatching.IsOneOf(original, CancelMineWords)) return new(SessionVerb.CancelMine);
        // Folded without changing positions, so a payload is cut from the text as typed (with its final punctuation).
        var folded = Folding.FoldKeepingPositions(original.TrimEnd('.', '!', '?', ' ')).Replace('’', '\'');
        foreach (var (pattern, verb) in WithId.Concat(WithoutId))
        {
            var m = pattern.Match(folded);
            if (!m.Success) continue;
            // A number too large to be a session's is no session's: 0, which no session has.
            long? id = m.Groups["id"].Success ? long.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0 : null;
            var p = m.Groups["p"];
            string? payload = p.Success && p.Length > 0
                ? (p.Index + p.Length == folded.Length ? original[p.Index..] : original.Substring(p.Index, p.Length)).Trim()
                : null;
            string? source = m.Groups["src"].Success ? original.Substring(m.Groups["src"].Index, m.Groups["src"].Length) : null;
            int? number = m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
            return new(verb, id, string.IsNullOrWhiteSpace(payload) ? null : payload, source, number);
        }
        return null;
    }
}
