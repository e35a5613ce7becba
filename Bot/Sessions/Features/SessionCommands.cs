using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Bot.Sessions.Rules;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Sessions.Features;

/// <summary>What a pattern read from the words: the session's number, the text typed after the command, a source, a number.</summary>
internal sealed record TypedParts(long? Id, string? Payload, string? Source, int? Number)
{
    /// <summary>Commands that name a session carry its number (their pattern requires it).</summary>
    public long SessionId => Id ?? 0;
}

/// <summary>
/// The words of the sessions capability, read into the intents the buttons carry (« réserver 12 » is
/// <see cref="BookSeat"/>), with accents, case and the natural phrasings ("je veux réserver", "inscris-moi", "annuler ma réservation").
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

    private static readonly (Regex Pattern, Func<TypedParts, ISessionIntent> Intent)[] WithId =
    [
        (new(@"^liste d'attente(?: a| pour| de)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)$"), p => new JoinWaitlist(p.SessionId)),
        (new(@"^(?:reserver|inscris[- ]moi|inscrivez[- ]moi|m'inscrire)(?: a| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)(?:\s+via\s+(?<src>[a-z0-9:_.\-]{1,100}))?$"), p => new BookSeat(p.SessionId, p.Source)),
        (new(@"^(?:etre client|je veux etre client|devenir client|proposer mon probleme)(?: de| a| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)?(?:\s*:\s*(?<p>.*))?$", RegexOptions.Singleline), p => new VolunteerAsClient(p.Id, p.Payload)),
        (new(@"^ne plus etre client(?: de)?(?: la)?(?: session)?\s*#?\s*(?<id>\d+)$"), p => new StopBeingClient(p.SessionId)),
        (new(@"^(?:annuler|quitter)(?: ma| la| mon)? liste d'attente(?: a| de| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)$"), p => new LeaveWaitlist(p.SessionId)),
        (new(@"^(?:annuler|quitter)(?: ma| la| mon)? (?:reservation|place|inscription)(?: a| de| pour)?(?: la)?(?: session)?\s*(?:n°|no|#)?\s*(?<id>\d+)$"), p => new CancelBooking(p.SessionId)),
        (new(@"^(?:accepter|confirmer|je confirme|je prends)(?: ma| la)? place\s*#?\s*(?<id>\d+)$"), p => new AcceptSeatOffer(p.SessionId)),
        (new(@"^(?:refuser|decliner|je refuse)(?: ma| la)? place\s*#?\s*(?<id>\d+)$"), p => new DeclineSeatOffer(p.SessionId)),
        (new(@"^(?:calendrier|invitation|agenda|ics)(?: de la session| session)?\s*#?\s*(?<id>\d+)$"), p => new GetCalendarInvite(p.SessionId)),
        (new(@"^session\s*(?:n°|no|#)?\s*(?<id>\d+)$"), p => new ShowSession(p.SessionId)),
        (new(@"^plan d'action(?: de la session| session)?\s*#?\s*(?<id>\d+)(?:\s*:\s*(?<p>.*))?$", RegexOptions.Singleline), p => new WriteActionPlan(p.SessionId, p.Payload)),
        (new(@"^avis(?: de la session| session)?\s*#?\s*(?<id>\d+)\s+(?<n>\d{1,2})$"), p => new RateSession(p.SessionId, p.Number ?? 0)),
        (new(@"^etape suivante(?: session)?\s*#?\s*(?<id>\d+)(?:\s+(?<n>\d))?$"), p => new NextGuideStep(p.SessionId, p.Number)),
        (new(@"^(?:demarrer|lancer|commencer) la session\s*#?\s*(?<id>\d+)$"), p => new StartGuide(p.SessionId)),
        (new(@"^modifier la session\s*#?\s*(?<id>\d+)$"), p => new EditSession(p.SessionId)),
        (new(@"^modifier (?:la suite de )?la serie\s*#?\s*(?<id>\d+)$"), p => new EditSeries(p.SessionId)),
        (new(@"^(?:deplacer|decaler|reporter) la session\s*#?\s*(?<id>\d+)(?:\s+(?:au|le|a|pour le)?\s*(?<p>.+))?$"), p => new MoveSession(p.SessionId, p.Payload)),
        (new(@"^annuler la session\s*#?\s*(?<id>\d+)$"), p => new CancelSession(p.SessionId)),
        (new(@"^confirmer l'annulation de la session\s*#?\s*(?<id>\d+)$"), p => new ConfirmCancelSession(p.SessionId)),
        (new(@"^annuler (?:la suite de )?la serie\s*#?\s*(?<id>\d+)$"), p => new CancelSeries(p.SessionId)),
        (new(@"^confirmer l'annulation de la serie\s*#?\s*(?<id>\d+)$"), p => new ConfirmCancelSeries(p.SessionId)),
        (new(@"^(?:participants|inscrits|liste des inscrits|qui est inscrit)(?: a| de)?(?: la)?(?: session)?\s*#?\s*(?<id>\d+)$"), p => new ListParticipants(p.SessionId)),
        (new(@"^(?:message aux participants|ecrire aux participants)(?: de la session| session)?\s*#?\s*(?<id>\d+)(?:\s*:?\s*(?<p>.*))?$", RegexOptions.Singleline), p => new MessageParticipants(p.SessionId, p.Payload)),
        (new(@"^(?:presences|marquer les presences)(?: de la session| session)?\s*#?\s*(?<id>\d+)$"), p => new TakeAttendance(p.SessionId)),
        (new(@"^enregistrer les presences(?: de la session| session)?\s*#?\s*(?<id>\d+)$"), p => new SaveAttendance(p.SessionId)),
        (new(@"^(?:publier|annoncer)(?: la session)?\s*#?\s*(?<id>\d+)(?:\s+ici)?$"), p => new PublishSession(p.SessionId)),
    ];

    private static readonly (Regex Pattern, Func<TypedParts, ISessionIntent> Intent)[] WithoutId =
    [
        (new(@"^(?:sessions|voir plus de sessions|plus de sessions|sessions suivantes)\s+(?:page\s+)?(?<n>\d{1,3})$"), p => new ListSessions(p.Number ?? 1)),
        (new(@"^(?:creer une session|nouvelle session|creer la session|ajouter une session)$"), _ => new CreateSession()),
        (new(@"^(?:creer une serie|nouvelle serie|creer la serie|creer une serie de sessions)(?:\s*:?\s*(?<p>.+))?$", RegexOptions.Singleline), p => new CreateSeries(p.Payload)),
        (new(@"^proposer des groupes(?:\s+(?:pour |de )?(?:la )?serie\s*#?\s*(?<id>\d+))?$"), p => new ProposeGroups(p.Id)),
        (new(@"^(?:mon fuseau(?: horaire)?|fuseau(?: horaire)?|changer de fuseau|changer mon fuseau)(?:\s*:?\s*(?<p>.+))?$"), p => new SetTimeZone(p.Payload)),
        (new(@"^(?:mon organisation|ma structure|mon organisme)(?:\s*:?\s*(?<p>.+))?$"), p => new SetOrganisation(p.Payload)),
        (new(@"^ma region(?:\s*:?\s*(?<p>.+))?$"), p => new SetRegion(p.Payload)),
        (new(@"^(?:pause sessions|pause des sessions|mettre mes sessions en pause|suspendre mes participations?|pause co-?developpement)(?:\s+(?:jusqu'(?:au|a|en)|au)\s*(?<p>.+))?$"), p => new PauseSessions(p.Payload)),
        (new(@"^(?:reprendre les sessions|fin de (?:la )?pause|je reprends les sessions)$"), _ => new ResumeSessions()),
    ];

    public static ISessionIntent? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var original = text.Trim().TrimStart('/');
        if (TextMatching.IsOneOf(original, ListWords)) return new ListSessions();
        if (TextMatching.IsOneOf(original, MineWords)) return new ShowMySessions();
        if (TextMatching.IsOneOf(original, CancelMineWords)) return new ChooseBookingToCancel();
        // Folded without changing positions, so a payload is cut from the text as typed (with its final punctuation).
        var folded = Folding.FoldKeepingPositions(original.TrimEnd('.', '!', '?', ' ')).Replace('’', '\'');
        foreach (var (pattern, intent) in WithId.Concat(WithoutId))
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
            return intent(new TypedParts(id, string.IsNullOrWhiteSpace(payload) ? null : payload, source, number));
        }
        return null;
    }
}
