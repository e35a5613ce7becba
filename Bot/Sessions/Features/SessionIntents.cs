using Communaute.Dialogs.Intents;

namespace Communaute.Bot.Sessions.Features;

/// <summary>What a member or a facilitator does with sessions, clicked or typed (<see cref="SessionCommands.Parse"/>).</summary>
public interface ISessionIntent;

/// <summary>What only facilitators may do.</summary>
public interface IFacilitatorIntent : ISessionIntent;

/// <summary>Time zone, structure, region, pause: the member's settings for sessions.</summary>
public interface ISessionSettingIntent : ISessionIntent;

// Members
[Intent("sessions-list")] public sealed record ListSessions(int Page = 1) : ISessionIntent;
[Intent("sessions-mine")] public sealed record ShowMySessions : ISessionIntent;
[Intent("sessions-choose-cancel")] public sealed record ChooseBookingToCancel : ISessionIntent;
[Intent("session-show")] public sealed record ShowSession(long SessionId) : ISessionIntent;
/// <param name="Source">Where the click came from (« digest:3 »), for the facilitators' figures.</param>
[Intent("session-book")] public sealed record BookSeat(long SessionId, string? Source = null) : ISessionIntent;
[Intent("session-waitlist")] public sealed record JoinWaitlist(long SessionId) : ISessionIntent;
/// <param name="SessionId">Null: the member chooses among the sessions with a client seat free.</param>
[Intent("session-client")] public sealed record VolunteerAsClient(long? SessionId, string? Problem = null) : ISessionIntent;
[Intent("session-not-client")] public sealed record StopBeingClient(long SessionId) : ISessionIntent;
[Intent("session-cancel-booking")] public sealed record CancelBooking(long SessionId) : ISessionIntent;
[Intent("session-leave-waitlist")] public sealed record LeaveWaitlist(long SessionId) : ISessionIntent;
[Intent("session-accept-offer")] public sealed record AcceptSeatOffer(long SessionId) : ISessionIntent;
[Intent("session-decline-offer")] public sealed record DeclineSeatOffer(long SessionId) : ISessionIntent;
[Intent("session-calendar")] public sealed record GetCalendarInvite(long SessionId) : ISessionIntent;
[Intent("session-action-plan")] public sealed record WriteActionPlan(long SessionId, string? Plan = null) : ISessionIntent;
[Intent("session-feedback")] public sealed record RateSession(long SessionId, int Score) : ISessionIntent;
[Intent("session-next-step")] public sealed record NextGuideStep(long SessionId, int? FromStep = null) : ISessionIntent;

// The member's settings
[Intent("sessions-zone")] public sealed record SetTimeZone(string? Zone = null) : ISessionSettingIntent;
[Intent("sessions-organisation")] public sealed record SetOrganisation(string? Organisation = null) : ISessionSettingIntent;
[Intent("sessions-region")] public sealed record SetRegion(string? Region = null) : ISessionSettingIntent;
[Intent("sessions-pause")] public sealed record PauseSessions(string? Until = null) : ISessionSettingIntent;
[Intent("sessions-resume")] public sealed record ResumeSessions : ISessionSettingIntent;

// Facilitators
[Intent("session-create")] public sealed record CreateSession : IFacilitatorIntent;
/// <param name="Rule">The series as said (« le 2e jeudi de chaque mois à 14h »), to fill the form in.</param>
[Intent("series-create")] public sealed record CreateSeries(string? Rule = null) : IFacilitatorIntent;
[Intent("series-propose-groups")] public sealed record ProposeGroups(long? SeriesId = null) : IFacilitatorIntent;
[Intent("session-edit")] public sealed record EditSession(long SessionId) : IFacilitatorIntent;
[Intent("series-edit")] public sealed record EditSeries(long SessionId) : IFacilitatorIntent;
[Intent("session-move")] public sealed record MoveSession(long SessionId, string? When = null) : IFacilitatorIntent;
[Intent("session-cancel")] public sealed record CancelSession(long SessionId) : IFacilitatorIntent;
[Intent("session-cancel-confirm")] public sealed record ConfirmCancelSession(long SessionId) : IFacilitatorIntent;
[Intent("series-cancel")] public sealed record CancelSeries(long SessionId) : IFacilitatorIntent;
[Intent("series-cancel-confirm")] public sealed record ConfirmCancelSeries(long SessionId) : IFacilitatorIntent;
[Intent("session-participants")] public sealed record ListParticipants(long SessionId) : IFacilitatorIntent;
[Intent("session-message")] public sealed record MessageParticipants(long SessionId, string? Message = null) : IFacilitatorIntent;
[Intent("session-attendance")] public sealed record TakeAttendance(long SessionId) : IFacilitatorIntent;
[Intent("session-attendance-save")] public sealed record SaveAttendance(long SessionId) : IFacilitatorIntent;
[Intent("session-publish")] public sealed record PublishSession(long SessionId) : IFacilitatorIntent;
[Intent("session-guide")] public sealed record StartGuide(long SessionId) : IFacilitatorIntent;

public static class SessionIntents
{
    /// <summary>Every intent the sessions feature runs.</summary>
    public static readonly IReadOnlyCollection<Type> All = IntentCodec.TypesOf<ISessionIntent>();
}
