namespace Communaute.Bot.Sessions;

/// <summary>Settings of the co-development sessions (section "Sessions").</summary>
public sealed class SessionsOptions
{
    /// <summary>How long a freed seat stays offered to the first on the waitlist (less when bookings close sooner).</summary>
    public int OfferHours { get; set; } = 12;

    /// <summary>Hours before the start when the facilitator gets the list of participants.</summary>
    public int FacilitatorSummaryHours { get; set; } = 24;

    /// <summary>Pairs who met within this many months are kept apart by group proposals.</summary>
    public int PairMemoryMonths { get; set; } = 6;

    /// <summary>How long a calendar link works (signed with the bot's link key, <c>Security:LinkSigningKey</c>).</summary>
    public int CalendarLinkDays { get; set; } = 60;

    /// <summary>ORGANIZER of the invites (an address that receives nothing is fine: invites are downloaded, not e-mailed).</summary>
    public string OrganizerEmail { get; set; } = "sessions@communaute.invalid";

    /// <summary>Domain part of the invites' UIDs.</summary>
    public string UidDomain { get; set; } = "communaute-ess";
}
